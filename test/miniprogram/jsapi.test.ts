/// <reference types="@mini-types/my" />
/**
 * Each wrapper in miniprogram/lib/jsapi against a fake `my` typed by @mini-types/my that checks every
 * call against the wrapper's page under ../shared/platform-docs/alipay-open-docs (see myDocs.ts for
 * the parameter lists). Pages: mini/api/基础API/网络/my.uploadFile.md, my.request 常见问题.md and
 * 网络 API 使用须知.md; mini/api/基础API/多媒体/录音/RecorderManager/RecorderManager.start.md,
 * .onStop.md, .onError.md, .offStop.md, .onDecibelChange.md, .offDecibelChange.md (both, like the recorder, for enterprise mini-programs: RecorderManager概览.md); mini/api/开放能力API/消息/my.requestSubscribeMessage.md;
 * mini/api/基础API/多媒体/图片/my.chooseImage.md; mini/api/开放能力API/用户授权/my.getAuthCode.md;
 * mini/api/基础API/缓存/my.getStorage.md, my.setStorage.md; mini/api/基础API/界面/路由/my.navigateTo.md;
 * mini/api/基础API/设备/网络状态/my.onNetworkStatusChange.md, my.offNetworkStatusChange.md.
 */
import { chooseImage } from '../../miniprogram/lib/jsapi/chooseImage';
import { getAuthCode } from '../../miniprogram/lib/jsapi/getAuthCode';
import { getRecorderManager, type RecorderFailure, type Recording } from '../../miniprogram/lib/jsapi/getRecorderManager';
import { getStorage } from '../../miniprogram/lib/jsapi/getStorage';
import { navigateTo } from '../../miniprogram/lib/jsapi/navigateTo';
import { onNetworkStatusChange } from '../../miniprogram/lib/jsapi/onNetworkStatusChange';
import { request } from '../../miniprogram/lib/jsapi/request';
import { requestSubscribeMessage } from '../../miniprogram/lib/jsapi/requestSubscribeMessage';
import { setStorage } from '../../miniprogram/lib/jsapi/setStorage';
import { uploadFile } from '../../miniprogram/lib/jsapi/uploadFile';
import type { Transport } from '../../shared/client';
import { installMy } from './componentHarness';
import { fakeChooseImageApi, fakeRecorder, fakeRequestApi, fakeStorageApis, fakeSubscribeApi, fakeUploadFileApi, type SeenUpload } from './fakeMyApis';
import { checkDocumented } from './myDocs';

const echo = (status: number, body: unknown, seen: { headers?: Record<string, string>; timeoutMs?: number }[] = []): Transport => ({
  request: (req) => {
    seen.push({ headers: { ...req.headers }, timeoutMs: req.timeoutMs });
    return Promise.resolve({ status, body });
  },
});

describe('my.request', () => {
  it('sends headers under `headers`, caps the timeout at the FAQ’s 60 s, and takes a 4xx as an answer both ways Alipay reports it', async () => {
    const seen: { headers?: Record<string, string>; timeoutMs?: number }[] = [];
    installMy(fakeRequestApi(echo(200, { ok: true }, seen)));
    await expect(request({ url: 'https://kefu.example.com/v1/health', method: 'GET', headers: { authorization: 'Bearer t' }, timeoutMs: 90_000 })).resolves.toEqual({ status: 200, data: { ok: true } });
    expect(seen).toEqual([{ headers: { authorization: 'Bearer t' }, timeoutMs: 60_000 }]);
    for (const mode of ['fail19', 'success'] as const) {
      installMy(fakeRequestApi(echo(401, { code: 'TOKEN_EXPIRED' }), [], mode));
      await expect(request({ url: 'https://kefu.example.com/v1/x', method: 'POST', headers: {}, data: '{}', timeoutMs: 1000 })).resolves.toEqual({ status: 401, data: { code: 'TOKEN_EXPIRED' } });
    }
    installMy(fakeRequestApi({ request: () => Promise.reject(new Error('down')) }));
    await expect(request({ url: 'https://kefu.example.com/v1/x', method: 'GET', headers: {}, timeoutMs: 1000 })).rejects.toThrow('network error');
  });
});

describe('my.uploadFile', () => {
  it('puts the session in `header` (the fake refuses `headers`), names the field `file` and parses the JSON answer', async () => {
    const uploads: SeenUpload[] = [];
    installMy(fakeUploadFileApi(uploads, () => ({ statusCode: 201, body: { mediaId: 'md1' } })));
    const res = await uploadFile({ url: 'https://kefu.example.com/v1/media', filePath: 'https://resource/a.image', fileType: 'image', header: { authorization: 'Bearer t' }, formData: { kind: 'image' } });
    expect(res).toEqual({ status: 201, data: { mediaId: 'md1' } });
    expect(uploads).toEqual([{ url: 'https://kefu.example.com/v1/media', name: 'file', fileType: 'image', header: { authorization: 'Bearer t' }, formData: { kind: 'image' }, timeout: 60_000 }]);
    expect(() => checkDocumented('uploadFile', { url: 'u', filePath: 'f', name: 'file', headers: {} })).toThrow('"headers" is not a parameter of mini/api/基础API/网络/my.uploadFile.md');
    installMy(fakeUploadFileApi([], () => {
      throw new Error('transfer failed');
    }));
    await expect(uploadFile({ url: 'https://kefu.example.com/v1/media', filePath: 'f', fileType: 'audio', header: {}, formData: {} })).rejects.toThrow('上传文件失败');
  });
});

describe('my.getRecorderManager', () => {
  function recorder() {
    const rec = fakeRecorder();
    installMy({ getRecorderManager: () => rec.manager });
    let t = 5_000;
    const clock = { advance: (ms: number) => void (t += ms) };
    const vr = getRecorderManager(() => t);
    const stopped: Recording[] = [];
    const failed: RecorderFailure[] = [];
    const handlers = { onStop: (r: Recording) => void stopped.push(r), onError: (f: RecorderFailure) => void failed.push(f) };
    return { rec: rec.r, vr, clock, stopped, failed, handlers };
  }

  it('starts with the limit in milliseconds (at most 180000), mp3 16 kHz mono, and its own icon hidden', () => {
    const x = recorder();
    x.vr.start(60_000, x.handlers);
    x.rec.finish({ durationS: 2 });
    x.vr.start(600_000, x.handlers);
    expect(x.rec.starts).toEqual([
      { duration: 60_000, format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000, hideTips: true },
      { duration: 180_000, format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000, hideTips: true },
    ]);
  });

  it('reads onStop’s duration as seconds, and measures it itself when an old client leaves it out', () => {
    const x = recorder();
    x.vr.start(60_000, x.handlers);
    x.rec.finish({ durationS: 2.5, fileSize: 9000 });
    x.vr.start(60_000, x.handlers);
    x.clock.advance(3400);
    x.rec.finish();
    expect(x.stopped).toEqual([
      { tempFilePath: 'https://resource/voice.mp3', durationMs: 2500, fileSize: 9000 },
      { tempFilePath: 'https://resource/voice.mp3', durationMs: 3400, fileSize: 0 },
    ]);
  });

  it('caps the length at the limit it started with: our clock counts the platform’s latency too', () => {
    const x = recorder();
    x.vr.start(60_000, x.handlers);
    x.clock.advance(60_400);
    x.rec.finish();
    x.vr.start(60_000, x.handlers);
    x.rec.finish({ durationS: 60.02 });
    expect(x.stopped.map((r) => r.durationMs)).toEqual([60_000, 60_000]);
  });

  it('starts nothing until the last recording reported its end, so a late onStop is never the new one’s', () => {
    const x = recorder();
    expect(x.vr.start(60_000, x.handlers)).toBe(true);
    x.vr.stop();
    // Pressed again before the platform's onStop: refused, the first recording keeps its handlers.
    expect(x.vr.start(60_000, { onStop: () => x.failed.push('failed'), onError: () => x.failed.push('failed') })).toBe(false);
    x.rec.finish({ durationS: 1.5 });
    expect([x.stopped.map((r) => r.durationMs), x.failed]).toEqual([[1500], []]);
    expect(x.vr.start(60_000, x.handlers)).toBe(true);
    // A platform that never reports the end does not block the next recording for long.
    x.vr.stop();
    x.clock.advance(3500);
    expect(x.vr.start(60_000, x.handlers)).toBe(true);
    expect(x.rec.starts).toHaveLength(3);
  });

  it('maps onError’s codes, keeps one pair of listeners at a time and removes them on dispose', () => {
    const x = recorder();
    x.vr.start(60_000, x.handlers);
    x.vr.start(60_000, x.handlers);
    expect(x.rec.listeners()).toEqual({ stop: 1, error: 1, decibel: 1 });
    x.rec.fail(10, '获取权限失败。');
    expect(x.rec.listeners()).toEqual({ stop: 0, error: 0, decibel: 0 });
    for (const [code, msg] of [[7, '时间不足1s。'], [1001, '录制被打断。'], [4, '已有录制在进行。'], [3, '参数校验失败。']] as const) {
      x.vr.start(60_000, x.handlers);
      x.rec.fail(code, msg);
    }
    expect(x.failed).toEqual(['denied', 'tooShort', 'interrupted', 'busy', 'failed']);
    x.vr.start(60_000, x.handlers);
    x.vr.dispose();
    expect(x.rec.listeners()).toEqual({ stop: 0, error: 0, decibel: 0 });
    expect(x.rec.stops).toBe(1);
    x.rec.finish({ durationS: 3 });
    expect(x.stopped).toEqual([]);
  });
});

describe('my.requestSubscribeMessage', () => {
  it('asks for at most three templates and reports what was accepted or declined; a cancel is no choice', async () => {
    const asked: string[][] = [];
    installMy(fakeSubscribeApi(asked, 'accept'));
    await expect(requestSubscribeMessage(['a', 'b', 'c', 'd'])).resolves.toEqual({ accepted: ['a', 'b', 'c'], rejected: [] });
    expect(asked).toEqual([['a', 'b', 'c']]);
    installMy(fakeSubscribeApi(asked, 'reject'));
    await expect(requestSubscribeMessage(['a'])).resolves.toEqual({ accepted: [], rejected: ['a'] });
    installMy(fakeSubscribeApi(asked, 'cancel'));
    await expect(requestSubscribeMessage(['a'])).resolves.toBeUndefined();
    await expect(requestSubscribeMessage([])).resolves.toBeUndefined();
    expect(asked).toHaveLength(3);
  });

  it('reads the older per-id answers when `result` is missing, and carries on without the API on old clients', async () => {
    installMy({
      requestSubscribeMessage: (o) => {
        checkDocumented('requestSubscribeMessage', o);
        o.success?.({ x: 'accept', y: 'reject', behavior: 'subscribe', show: true, keep: false, refuse: false });
      },
    });
    await expect(requestSubscribeMessage(['x', 'y'])).resolves.toEqual({ accepted: ['x'], rejected: ['y'] });
    (globalThis as Record<string, unknown>)['my'] = {};
    await expect(requestSubscribeMessage(['x'])).resolves.toBeUndefined();
  });
});

describe('my.chooseImage, my.getAuthCode, storage, navigation and network status', () => {
  it('chooseImage: one compressed picture from album or camera; cancel and refused permission told apart', async () => {
    const chosen: unknown[] = [];
    installMy(fakeChooseImageApi(chosen, { path: 'https://resource/apml1.image', size: 1234 }));
    await expect(chooseImage()).resolves.toEqual({ image: { path: 'https://resource/apml1.image', size: 1234 } });
    expect(chosen).toEqual([expect.objectContaining({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })]);
    installMy(fakeChooseImageApi([], 'cancel'));
    await expect(chooseImage()).resolves.toEqual({ cancelled: true });
    installMy(fakeChooseImageApi([], 'denied'));
    await expect(chooseImage()).resolves.toEqual({ denied: true });
  });

  it('getAuthCode: silent auth_base; a refusal rejects with its code', async () => {
    const scopes: unknown[] = [];
    installMy({
      getAuthCode: (o) => {
        checkDocumented('getAuthCode', o);
        scopes.push(o?.scopes);
        if (scopes.length === 1) o?.success?.({ authCode: 'ac1', authErrorScopes: {}, authSuccessScopes: ['auth_base'] });
        else o?.fail?.({ error: 11 });
      },
    });
    await expect(getAuthCode()).resolves.toBe('ac1');
    await expect(getAuthCode()).rejects.toThrow('my.getAuthCode failed (11)');
    expect(scopes).toEqual(['auth_base', 'auth_base']);
  });

  it('storage: strings round-trip; a value over 200 KB is refused before the call; a missing key is undefined', async () => {
    const storage = fakeStorageApis();
    installMy(storage);
    await setStorage('demo:k', '值');
    await expect(getStorage('demo:k')).resolves.toBe('值');
    await expect(getStorage('demo:none')).resolves.toBeUndefined();
    await expect(setStorage('demo:big', '字'.repeat(70_000))).rejects.toThrow('over 200 KB');
    await expect(setStorage('', 'x')).rejects.toThrow('empty key');
    expect([...storage.data.keys()]).toEqual(['demo:k']);
  });

  it('navigateTo passes the page path; the network listener removed is the one added', async () => {
    const urls: string[] = [];
    const added: unknown[] = [];
    const removed: unknown[] = [];
    installMy({
      navigateTo: (o) => {
        checkDocumented('navigateTo', o);
        urls.push(o.url);
        if (o.url.includes('tab')) o.fail?.({ error: 1, errorMessage: '不能跳转到 tabBar 页面' });
        else o.success?.({} as never);
      },
      onNetworkStatusChange: (cb) => void added.push(cb),
      offNetworkStatusChange: (cb) => void removed.push(cb),
    });
    await navigateTo('/pages/refund/index');
    await expect(navigateTo('/pages/tab/index')).rejects.toThrow('不能跳转到 tabBar 页面');
    expect(urls).toEqual(['/pages/refund/index', '/pages/tab/index']);
    const seen: boolean[] = [];
    const stop = onNetworkStatusChange((c) => seen.push(c));
    (added[0] as (r: { isConnected: boolean }) => void)({ isConnected: false });
    stop();
    expect(seen).toEqual([false]);
    expect(removed).toEqual(added);
  });
});
