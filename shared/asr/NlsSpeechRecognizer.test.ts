import { decodeAudio } from '../media';
import { startNlsEmulator, type NlsEmulator } from '../../mock/nls/NlsEmulator';
import { speak } from '../../test/helpers/speechFixtures';
import { wav } from '../../test/helpers/mediaFixtures';
import { NlsError, NlsSpeechRecognizer } from './NlsSpeechRecognizer';

const keys = { accessKeyId: 'LTAI-test-key', accessKeySecret: 'test-secret-made-for-this-run', appKey: 'kefu-appkey' };

describe('NlsSpeechRecognizer against the local NLS stand-in (real espeak-ng speech, real ffmpeg)', () => {
  let nls: { emulator: NlsEmulator; url: string; close(): Promise<void> };
  const recognizer = (over: Partial<typeof keys> = {}) => new NlsSpeechRecognizer({ gatewayUrl: `${nls.url}/stream/v1/asr`, metaUrl: nls.url, ...keys, ...over });
  const decoded = async (audio: Buffer) => (await decodeAudio(audio, { maxMs: 60_000 })).wav;

  beforeAll(async () => {
    nls = await startNlsEmulator(keys);
    nls.emulator.register('我要退款', await decoded(speak('我要退款')));
    nls.emulator.register('花呗怎么还款,昨天下午三点转了三百五十块', await decoded(speak('花呗怎么还款,昨天下午三点转了三百五十块')));
  });
  afterAll(() => nls.close());

  it('recognises speech that went through a browser (webm/opus) and a phone (mp3) encoding', async () => {
    const r = recognizer();
    expect(await r.recognize(await decoded(speak('我要退款', 'webm')))).toBe('我要退款');
    expect(await r.recognize(await decoded(speak('花呗怎么还款,昨天下午三点转了三百五十块', 'mp3')))).toBe('花呗怎么还款,昨天下午三点转了三百五十块');
    // One token for both calls.
    expect(nls.emulator.log.filter((l) => l === 'CreateToken')).toHaveLength(1);
  });

  it('gives an empty result for audio that says nothing it knows', async () => {
    const silence = wav(1);
    expect(await recognizer().recognize(silence)).toBe('');
  });

  it('fetches a new token when the service refuses the cached one', async () => {
    const r = recognizer();
    await r.recognize(await decoded(speak('我要退款')));
    const before = nls.emulator.log.filter((l) => l === 'CreateToken').length;
    nls.emulator.revokeTokens();
    expect(await r.recognize(await decoded(speak('我要退款')))).toBe('我要退款');
    expect(nls.emulator.log.filter((l) => l === 'CreateToken').length).toBe(before + 1);
    expect(nls.emulator.log).toContain('asr 40000001');
  });

  it("fails clearly with a wrong AccessKey secret (POP's SignatureDoesNotMatch) and a wrong appkey", async () => {
    await expect(recognizer({ accessKeySecret: 'not-the-secret' }).recognize(await decoded(speak('我要退款')))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    await expect(recognizer({ appKey: 'nope' }).recognize(await decoded(speak('我要退款')))).rejects.toEqual(new NlsError(40020105, 'Meta:APPKEY_NOT_EXIST:Appkey not exist!'));
  });
});
