import { recordingClock, VoicePress } from './VoicePress';

describe('VoicePress: press and hold to talk, one state machine for H5 and kf-chat', () => {
  it('slide up arms the cancel, back down disarms it, release says what to do and how long it ran', () => {
    const clock = { now: 1000 };
    const press = new VoicePress(() => clock.now);
    expect(press.release()).toBeUndefined();
    press.press(600);
    expect(press.overlay()).toEqual({ recording: true, cancel: false, seconds: 0 });
    clock.now += 2500;
    expect(press.move(590)).toBe(false);
    expect(press.move(500)).toBe(true);
    expect(press.overlay()).toMatchObject({ cancel: true, seconds: 2 });
    expect(press.move(580)).toBe(true);
    expect(press.release()).toEqual({ outcome: 'send', durationMs: 2500 });
    expect(press.overlay().recording).toBe(false);

    press.press(600);
    press.move(520);
    expect(press.release()?.outcome).toBe('cancel');
  });

  it('counts down the last ten seconds and caps the length at the 60 s limit', () => {
    const clock = { now: 0 };
    const press = new VoicePress(() => clock.now);
    press.press(0);
    clock.now = 49_000;
    expect(press.overlay().remaining).toBeUndefined();
    clock.now = 52_100;
    expect(press.overlay().remaining).toBe(8);
    clock.now = 61_000;
    expect(press.overlay().remaining).toBe(0);
    expect(press.release()).toEqual({ outcome: 'send', durationMs: 60_000 });
    expect(recordingClock(7)).toBe('0:07');
    expect(recordingClock(60)).toBe('1:00');
  });
});
