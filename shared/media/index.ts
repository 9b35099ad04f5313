// The media store port and the media service. The drivers are in ./drivers.ts (memory, local files)
// and ./OssMediaStore.ts (ali-oss, required only when OSS is configured).
export type { MediaStore } from './MediaStore';
export { MediaService, type EntryIconRecord, type MediaRecord, type UploadInput } from './MediaService';
export { sniffMedia, declaredTypeMatches, type SniffedMedia } from './sniffMedia';
export { decodeAudio } from './decodeAudio';
export { imageSize } from './imageSize';
export { readWav } from './readWav';
