/// <reference types="@mini-types/my" />
import type { Transport } from '../../shared/client';
import type { FakeMy } from './componentHarness';
import { checkDocumented, myDocs, recorderBitRates } from './myDocs';

type Params<F> = F extends (arg: infer P) => unknown ? NonNullable<P> : never;

/**
 * `my.getStorage`/`my.setStorage` over a Map, with the limits of my.setStorage.md: no empty key,
 * 200 KB per key (error 14), 10 MB in all (error 12).
 */
export function fakeStorageApis(data = new Map<string, string>()): FakeMy & { data: Map<string, string> } {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  return {
    data,
    getStorage: (o: Params<typeof my.getStorage>) => {
      checkDocumented('getStorage', o);
      if (!o.key) o.fail?.({ error: 2, errorMessage: '必填参数为空' });
      else o.success?.({ data: data.has(o.key) ? data.get(o.key) : null });
    },
    setStorage: (o: Params<typeof my.setStorage>) => {
      checkDocumented('setStorage', o);
      const value = typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
      const total = [...data].reduce((n, [k, v]) => n + (k === o.key ? 0 : bytes(v)), 0) + bytes(value);
      if (!o.key) o.fail?.({ error: 2, errorMessage: '必填参数为空' });
      else if (bytes(value) > 200 * 1024) o.fail?.({ error: 14, errorMessage: 'data长度超限' });
      else if (total > 10 * 1024 * 1024) o.fail?.({ error: 12, errorMessage: '存储总大小达到上限' });
      else {
        data.set(o.key, value);
        o.success?.({});
      }
    },
  };
}

/**
 * `my.request` in front of a Transport (a fake backend, or real fetch). `httpErrors` picks how a
 * 4xx/5xx answer arrives: as error 19 with status and data (my.request 常见问题.md, the typings) or
 * in `success` like any answer (网络 API 使用须知.md); no answer is error 12. Timeouts over the
 * FAQ's 60 s ceiling are refused.
 */
export function fakeRequestApi(transport: Transport, calls: string[] = [], httpErrors: 'fail19' | 'success' = 'fail19'): FakeMy {
  return {
    request: (o: Params<typeof my.request>) => {
      checkDocumented('request', o);
      if (o.timeout !== undefined && (o.timeout <= 0 || o.timeout > 60_000)) throw new Error(`my.request: timeout ${o.timeout} ms is outside (0, 60000] (${myDocs.request.page})`);
      if (o.data !== undefined && typeof o.data !== 'string') throw new Error('my.request: the components send JSON text as data');
      const method = (o.method ?? 'GET') as 'GET' | 'POST' | 'PUT' | 'DELETE';
      calls.push(`${method} ${o.url}`);
      transport.request({ method, url: o.url, headers: o.headers ?? {}, ...(o.data !== undefined ? { body: o.data } : {}), timeoutMs: o.timeout ?? 30_000 }).then(
        (res) => {
          const answer = { status: res.status, statusCode: res.status, data: res.body as Record<string, unknown>, headers: {}, header: {} };
          if (res.status < 400 || httpErrors === 'success') o.success?.(answer);
          else o.fail?.({ error: 19, errorMessage: 'http status error', status: res.status, data: res.body } as Parameters<NonNullable<typeof o.fail>>[0]);
        },
        () => o.fail?.({ error: 12, errorMessage: 'network error' }),
      );
    },
  };
}

/** One upload as the server saw it: what Alipay would actually send (only documented fields). */
export interface SeenUpload {
  readonly url: string;
  readonly name: string;
  readonly fileType: string;
  readonly header: Record<string, string>;
  readonly formData: Record<string, string>;
  readonly timeout: number;
}

/**
 * `my.uploadFile` (my.uploadFile.md): the session header travels only under `header`; the answer
 * is `{statusCode, data: string, header}`. `answer` plays the server for each upload (a string body
 * goes as it is), names one of the page's error codes, or throws for a failed transfer (error 12).
 */
export function fakeUploadFileApi(uploads: SeenUpload[], answer: (u: SeenUpload) => { statusCode: number; body: unknown } | { failCode: number; errorMessage: string }): FakeMy {
  return {
    uploadFile: (o: Params<typeof my.uploadFile>) => {
      checkDocumented('uploadFile', o);
      const seen: SeenUpload = { url: o.url, name: o.name, fileType: o.fileType, header: { ...(o.header as Record<string, string>) }, formData: { ...(o.formData as Record<string, string>) }, timeout: (o as { timeout?: number }).timeout ?? 60_000 };
      uploads.push(seen);
      let res;
      try {
        res = answer(seen);
      } catch {
        o.fail?.({ error: 12, errorMessage: '上传文件失败' });
        return;
      }
      if ('failCode' in res) o.fail?.({ error: res.failCode, errorMessage: res.errorMessage });
      else o.success?.({ statusCode: res.statusCode, data: typeof res.body === 'string' ? res.body : JSON.stringify(res.body), header: {} });
    },
  };
}

/** `my.requestSubscribeMessage` answering as the user does; the panel's ids are kept in `asked`. */
export function fakeSubscribeApi(asked: string[][], user: 'accept' | 'reject' | 'cancel'): FakeMy {
  return {
    requestSubscribeMessage: (o: Params<typeof my.requestSubscribeMessage>) => {
      checkDocumented('requestSubscribeMessage', o);
      if (o.entityIds.length === 0 || o.entityIds.length > 3) {
        o.fail?.({ error: 203, errorMessage: '无效的参数' });
        return;
      }
      asked.push([...o.entityIds]);
      if (user === 'cancel') {
        o.fail?.({ error: 11, errorMessage: '用户取消订阅' });
        return;
      }
      const accepted = user === 'accept' ? [...o.entityIds] : [];
      const rejected = user === 'reject' ? [...o.entityIds] : [];
      const perId = Object.fromEntries(o.entityIds.map((id) => [id, user]));
      o.success?.({ ...perId, behavior: 'subscribe', show: true, keep: false, refuse: false, result: { subscribedEntityIds: accepted, unsubscribedEntityIds: rejected, currentSubscribedEntityIds: accepted } });
    },
  };
}

/**
 * The app-wide recorder (my.getRecorderManager.md is "全局唯一"): listeners kept as the platform
 * keeps them, `start` checked against RecorderManager.start.md (milliseconds up to 180000, legal
 * sample and bit rates). `finish` is the platform's onStop: `durationS` only on clients from
 * 10.2.90 (RecorderManager.onStop.md: seconds); `fail` is onError with the page's `errMsg`.
 */
export function fakeRecorder() {
  const stopListeners = new Set<(res: { tempFilePath: string; duration?: number; fileSize?: number }) => void>();
  const errorListeners = new Set<(res: { error: number; errMsg: string }) => void>();
  const decibelListeners = new Set<(res: { decibel: number }) => void>();
  const r = {
    starts: [] as Record<string, unknown>[],
    stops: 0,
    recording: false,
    listeners: () => ({ stop: stopListeners.size, error: errorListeners.size, decibel: decibelListeners.size }),
    /** RecorderManager.onDecibelChange.md: the platform reports the loudness while recording. */
    decibel(decibel: number) {
      for (const cb of [...decibelListeners]) cb({ decibel });
    },
    finish(o: { durationS?: number; fileSize?: number } = {}) {
      r.recording = false;
      for (const cb of [...stopListeners]) cb({ tempFilePath: 'https://resource/voice.mp3', ...(o.durationS !== undefined ? { duration: o.durationS, fileSize: o.fileSize ?? 20_000 } : {}) });
    },
    fail(error: number, errMsg: string) {
      r.recording = false;
      for (const cb of [...errorListeners]) cb({ error, errMsg });
    },
  };
  const manager: Pick<my.RecorderManager, 'start' | 'stop' | 'onStop' | 'offStop' | 'onError' | 'offError' | 'onDecibelChange' | 'offDecibelChange'> = {
    start: (p) => {
      checkDocumented('recorderStart', p);
      const d = p.duration ?? 60_000;
      if (!Number.isInteger(d) || d < 1000 || d > 180_000) throw new Error(`RecorderManager.start: duration ${d} is not milliseconds in [1000, 180000] (${myDocs.recorderStart.page})`);
      if (p.format !== undefined && !['aac', 'mp3'].includes(p.format)) throw new Error(`RecorderManager.start: format ${p.format}`);
      const range = recorderBitRates[p.sampleRate ?? 8000];
      if (!range) throw new Error(`RecorderManager.start: sampleRate ${p.sampleRate} is not legal`);
      const bitRate = p.encodeBitRate ?? 48000;
      if (bitRate < range[0] || bitRate > range[1]) throw new Error(`RecorderManager.start: encodeBitRate ${bitRate} outside ${range.join('-')} for ${p.sampleRate}`);
      r.starts.push({ ...p });
      r.recording = true;
    },
    stop: () => {
      r.stops++;
    },
    onStop: (cb) => void stopListeners.add(cb as never),
    offStop: (cb) => void stopListeners.delete(cb as never),
    onError: (cb) => void errorListeners.add(cb as never),
    offError: (cb) => void errorListeners.delete(cb as never),
    onDecibelChange: (cb) => void decibelListeners.add(cb),
    offDecibelChange: (cb) => void (cb ? decibelListeners.delete(cb) : decibelListeners.clear()),
  };
  return { r, manager: manager as my.RecorderManager };
}

/** `my.chooseImage` answering with one file (as the page documents: `tempFiles` an array), a cancel (11) or a refusal (2001). */
export function fakeChooseImageApi(chosen: unknown[], answer: { path: string; size: number } | 'cancel' | 'denied' | undefined): FakeMy {
  return {
    chooseImage: (p?: Params<typeof my.chooseImage>) => {
      checkDocumented('chooseImage', p);
      if (p?.count !== undefined && (p.count < 1 || p.count > 9)) throw new Error(`my.chooseImage: count ${p.count}`);
      chosen.push(p);
      if (answer === 'cancel') p?.fail?.({ error: 11, errorMessage: '用户取消操作' });
      else if (answer === 'denied') p?.fail?.({ error: 2001, errorMessage: '在申请授权时用户拒绝授权' });
      else if (answer) p?.success?.({ tempFilePaths: [answer.path], tempFiles: [answer] } as never);
    },
  };
}
