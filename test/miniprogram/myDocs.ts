/**
 * What Alipay's documentation says each `my.*` call the components make may carry, page by page
 * (paths under ../shared/platform-docs/alipay-open-docs). The fakes check every call against it, so
 * a parameter a real client would not read (uploadFile's `headers`) or a value out of its documented
 * range (the recorder's duration in ms, at most 180000) fails the test instead of a phone.
 */
export interface MyDoc {
  readonly page: string;
  readonly keys: readonly string[];
  readonly required?: readonly string[];
}

const callbacks = ['success', 'fail', 'complete'];

export const myDocs = {
  request: {
    // The parameter page (https://opendocs.alipay.com/mini/api/owycmh) is not in the local copy; its
    // names are those of @mini-types/my's documented block and the FAQ beside it.
    page: 'mini/api/基础API/网络/my.request 常见问题.md',
    keys: ['url', 'method', 'headers', 'data', 'dataType', 'timeout', ...callbacks],
    required: ['url'],
  },
  uploadFile: {
    page: 'mini/api/基础API/网络/my.uploadFile.md',
    keys: ['url', 'filePath', 'name', 'header', 'formData', 'fileType', 'timeout', 'hideLoading', ...callbacks],
    required: ['url', 'filePath', 'name'],
  },
  recorderStart: {
    page: 'mini/api/基础API/多媒体/录音/RecorderManager/RecorderManager.start.md',
    keys: ['duration', 'format', 'hideTips', 'numberOfChannels', 'sampleRate', 'encodeBitRate', 'frameSize', 'audioSource'],
  },
  chooseImage: { page: 'mini/api/基础API/多媒体/图片/my.chooseImage.md', keys: ['count', 'sizeType', 'sourceType', ...callbacks] },
  getAuthCode: { page: 'mini/api/开放能力API/用户授权/my.getAuthCode.md', keys: ['scopes', ...callbacks] },
  getStorage: { page: 'mini/api/基础API/缓存/my.getStorage.md', keys: ['key', ...callbacks], required: ['key'] },
  setStorage: { page: 'mini/api/基础API/缓存/my.setStorage.md', keys: ['key', 'data', ...callbacks], required: ['key', 'data'] },
  navigateTo: { page: 'mini/api/基础API/界面/路由/my.navigateTo.md', keys: ['url', 'events', ...callbacks], required: ['url'] },
  requestSubscribeMessage: { page: 'mini/api/开放能力API/消息/my.requestSubscribeMessage.md', keys: ['entityIds', 'thirdTypeAppId', ...callbacks], required: ['entityIds'] },
} satisfies Record<string, MyDoc>;

/** Throws, naming the API, the key and the page, when a call's parameters stray from the page. */
export function checkDocumented(api: keyof typeof myDocs, params: object | undefined): void {
  const doc: MyDoc = myDocs[api];
  const given = Object.keys(params ?? {});
  for (const key of given) if (!doc.keys.includes(key)) throw new Error(`my.${api}: "${key}" is not a parameter of ${doc.page} (it has ${doc.keys.join(', ')})`);
  for (const key of doc.required ?? []) if (!given.includes(key)) throw new Error(`my.${api}: "${key}" is required by ${doc.page}`);
}

/** RecorderManager.start.md: legal sample rates and the encode bit-rate range of each. */
export const recorderBitRates: Readonly<Record<number, readonly [number, number]>> = {
  8000: [16000, 48000],
  11025: [16000, 48000],
  12000: [24000, 64000],
  16000: [24000, 96000],
  22050: [32000, 128000],
  24000: [32000, 128000],
  32000: [48000, 192000],
  44100: [64000, 320000],
  48000: [64000, 320000],
};
