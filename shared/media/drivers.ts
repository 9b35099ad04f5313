// The media store's drivers that need no cloud SDK, apart from the port (./index.ts): the local one
// writes files with node:fs. The OSS driver is its own entry (./OssMediaStore.ts) so that
// createKefu requires ali-oss only when OSS is configured.
export { MemoryMediaStore } from './MemoryMediaStore';
export { LocalMediaStore } from './LocalMediaStore';
