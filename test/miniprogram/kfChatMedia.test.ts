/**
 * @jest-environment jsdom
 */
/**
 * kf-chat's voice and pictures: the recorder (RecorderManager.start.md, .onStop.md, .onError.md under
 * ../shared/platform-docs/alipay-open-docs/mini/api/基础API/多媒体/录音/RecorderManager/), the picker
 * (mini/api/基础API/多媒体/图片/my.chooseImage.md) and uploads (mini/api/基础API/网络/my.uploadFile.md),
 * each call checked against its page by the fakes.
 */
import { BACKUP, PRIMARY } from '../helpers/FakeChatBackend';
import { ComponentInstance, until } from './componentHarness';
import { mounted, opened, unmountAll } from './kfChatHarness';

afterEach(unmountAll);

describe('kf-chat: voice and pictures', () => {
  it('records voice in milliseconds as RecorderManager.start.md says: slide up cancels, under 1 s is refused, a good one is uploaded and sent, 60 s stops by itself', async () => {
    const s = await opened({ media: true });
    expect(s.chat.data['media']).toBe(true);
    s.chat.call('handleToggleMode');
    expect(s.chat.data['inputMode']).toBe('voice');

    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    // 60 s is 60000: the old `duration: 60` stopped every recording after 60 ms.
    expect(s.rec.starts).toEqual([{ duration: 60_000, format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000, hideTips: true }]);
    expect(s.chat.data['recording']).toBe(true);
    s.chat.call('handleVoiceMove', { touches: [{ clientY: 520 }] });
    expect(s.chat.data['recordCancel']).toBe(true);
    s.chat.call('handleVoiceEnd');
    s.rec.finish({ durationS: 3 });
    await new Promise((r) => setTimeout(r, 10));
    expect(s.uploads).toEqual([]);

    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    s.chat.call('handleVoiceEnd');
    s.rec.finish({ durationS: 0.5 });
    await until(() => s.chat.data['notice'] === '说话时间太短', 'too short');
    expect(s.uploads).toEqual([]);

    // onStop reports seconds (RecorderManager.onStop.md): 3.2 s is uploaded as 3200 ms.
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    s.chat.call('handleVoiceMove', { touches: [{ clientY: 590 }] });
    s.chat.call('handleVoiceEnd');
    s.rec.finish({ durationS: 3.2 });
    await until(() => s.items().some((i) => i.text === '[media md1]'), 'the voice message');
    expect(s.uploads[0]).toMatchObject({ url: `${PRIMARY}/v1/media`, name: 'file', fileType: 'audio', formData: { kind: 'voice', conversationId: 'c1', durationMs: '3200' } });
    // The session goes in `header`, the only name my.uploadFile.md lists.
    expect(s.uploads[0]!.header['authorization']).toMatch(/^Bearer t\d+$/);

    // Held past the limit: the recorder stops by itself and the recording is sent.
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    s.rec.finish({ durationS: 60 });
    await until(() => s.chat.data['notice'] === '最长录音 60 秒,已自动发送', 'the limit notice');
    expect(s.chat.data['recording']).toBe(false);
    expect(s.uploads).toHaveLength(2);
    expect(s.uploads[1]!.formData['durationMs']).toBe('60000');
    s.chat.call('handleVoiceEnd');
    expect(s.rec.stops).toBe(3);

    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    s.chat.call('handleVoiceCancel');
    s.rec.finish({ durationS: 5 });
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    s.rec.fail(10, '获取权限失败');
    expect(s.chat.data['notice']).toBe('请在设置中允许使用麦克风');
    expect(s.chat.data['recording']).toBe(false);
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    s.rec.fail(1001, '录制被打断。');
    expect(s.chat.data['notice']).toBe('录音被打断,请重新录制');
    expect(s.uploads).toHaveLength(2);
  });

  it('measures the length itself on clients before 10.2.90, whose onStop has no duration', async () => {
    const s = await opened({ media: true });
    const clock = jest.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(1_000_000);
      s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
      clock.mockReturnValue(1_004_200);
      s.chat.call('handleVoiceEnd');
      s.rec.finish();
    } finally {
      clock.mockRestore();
    }
    await until(() => s.uploads.length === 1, 'the upload');
    expect(s.uploads[0]!.formData['durationMs']).toBe('4200');
    await until(() => s.items().some((i) => i.text === '[media md1]'), 'the voice message');
    expect(s.items().some((i) => /NaN/.test(i.text))).toBe(false);
  });

  it('removes its recorder listeners on unmount and before each recording, so a reopened chat sends once', async () => {
    const s = await opened({ media: true });
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    expect(s.rec.listeners()).toEqual({ stop: 1, error: 1, decibel: 1 });
    s.chat.call('handleVoiceEnd');
    s.rec.finish({ durationS: 0.2 });
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
    expect(s.rec.listeners()).toEqual({ stop: 1, error: 1, decibel: 1 });
    // Closed while recording: the listeners go and the recording is stopped.
    s.chat.unmount();
    mounted.splice(mounted.indexOf(s), 1);
    expect(s.rec.listeners()).toEqual({ stop: 0, error: 0, decibel: 0 });
    expect(s.rec.stops).toBe(2);

    const again = new ComponentInstance(s.def, { apiOrigin: PRIMARY, backupOrigin: '', devUserId: 'u001' });
    again.mount().update({ visible: true });
    try {
      await until(() => again.data['ready'] === true, 'reopen');
      again.call('handleVoiceStart', { touches: [{ clientY: 600 }] });
      expect(s.rec.listeners()).toEqual({ stop: 1, error: 1, decibel: 1 });
      again.call('handleVoiceEnd');
      s.rec.finish({ durationS: 2 });
      await until(() => s.uploads.length === 1, 'one upload');
      await new Promise((r) => setTimeout(r, 30));
      expect(s.uploads).toHaveLength(1);
    } finally {
      again.unmount();
    }
  });

  it('uploads to the backup origin while the primary is down, like every other call', async () => {
    const s = await opened({ media: true, backupOrigin: BACKUP, image: { path: 'https://resource/receipt.png', size: 300_000 } });
    s.backend.up[PRIMARY] = false;
    await s.chat.call('handlePickImage');
    await until(() => s.items().some((i) => i.text === '[media md1]'), 'the picture sent');
    expect(s.uploads.length).toBeGreaterThanOrEqual(2);
    expect(s.uploads.map((u) => u.url)).toEqual([...Array.from({ length: s.uploads.length - 1 }, () => `${PRIMARY}/v1/media`), `${BACKUP}/v1/media`]);
    expect(s.backend.log).toContain('B POST /v1/conversations/c1/messages');
  });

  it('an upload the platform refuses for good (domain not whitelisted) is tried once, with our words, and no failover', async () => {
    const picture = { path: 'https://resource/receipt.png', size: 300_000 };
    const refused = await opened({ media: true, backupOrigin: BACKUP, image: picture, uploadAnswer: () => ({ failCode: 4, errorMessage: '未配置域名白名单,无权访问域名' }) });
    await refused.chat.call('handlePickImage');
    expect(refused.uploads).toHaveLength(1);
    expect(refused.chat.data['notice']).toBe('发送失败,点击重试');
    expect(refused.chat.data['banner']).toBe('');
    // A gateway's own 413 without our JSON body: the user reads our text, not "HTTP 413".
    const tooBig = await opened({ media: true, image: picture, uploadAnswer: () => ({ statusCode: 413, body: '<html>Request Entity Too Large</html>' }) });
    await tooBig.chat.call('handlePickImage');
    expect(tooBig.uploads).toHaveLength(1);
    expect(tooBig.chat.data['notice']).toBe('发送失败,点击重试');
  });

  it('an upload answered 401 (session ended) gets a new session and goes through', async () => {
    const s = await opened({ media: true, image: { path: 'https://resource/receipt.png', size: 300_000 } });
    s.backend.expireAllTokens();
    await s.chat.call('handlePickImage');
    await until(() => s.items().some((i) => i.text === '[media md1]'), 'the picture sent');
    expect(s.uploads.map((u) => u.header['authorization'] !== s.uploads[0]!.header['authorization'])).toEqual([false, true]);
    expect(s.backend.logins).toBe(2);
  });

  it('sends a picked image, and refuses one over 10 MB or of the wrong type before uploading', async () => {
    const big = await opened({ media: true, image: { path: 'https://resource/a.jpg', size: 11 * 1024 * 1024 } });
    await big.chat.call('handlePickImage');
    expect(big.chat.data['notice']).toBe('图片不能超过 10 MB');
    const gif = await opened({ media: true, image: { path: 'https://resource/a.gif', size: 1000 } });
    await gif.chat.call('handlePickImage');
    expect(gif.chat.data['notice']).toBe('仅支持 PNG、JPEG、WebP 图片');
    const cancelled = await opened({ media: true, image: 'cancel' });
    await cancelled.chat.call('handlePickImage');
    expect(cancelled.chat.data['notice']).toBe('');
    expect([...big.uploads, ...gif.uploads, ...cancelled.uploads]).toEqual([]);
    const good = await opened({ media: true, image: { path: 'https://resource/receipt.png', size: 300_000 } });
    await good.chat.call('handlePickImage');
    expect(good.uploads).toMatchObject([{ url: `${PRIMARY}/v1/media`, fileType: 'image', formData: { kind: 'image', conversationId: 'c1' } }]);
    expect(good.uploads[0]!.header['authorization']).toMatch(/^Bearer t\d+$/);
    expect(good.items().at(-1)).toMatchObject({ kind: 'text', text: '[media md1]' });
    // On a phone every picked file ends in .image (my.chooseImage.md): sent, the server sniffs it.
    const phone = await opened({ media: true, image: { path: 'https://resource/apml5f2a9.image', size: 200_000 } });
    await phone.chat.call('handlePickImage');
    expect(phone.uploads).toHaveLength(1);
    const denied = await opened({ media: true, image: 'denied' });
    await denied.chat.call('handlePickImage');
    expect(denied.chat.data['notice']).toBe('请在设置中允许访问相册和相机');
    expect(denied.uploads).toEqual([]);
  });

  it('hides voice and images while the backend does not take them', async () => {
    const s = await opened({ media: false, image: { path: 'https://resource/a.png', size: 10 } });
    expect(s.chat.data['media']).toBe(false);
    s.chat.call('handleVoiceStart', { touches: [{ clientY: 1 }] });
    await s.chat.call('handlePickImage');
    expect(s.rec.starts).toEqual([]);
    expect(s.chosen).toEqual([]);
  });
});
