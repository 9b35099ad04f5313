import { RECORDING_LIMIT_MS } from './mediaChecks';

/** Sliding the finger this far up (px) while recording arms the cancel. */
export const CANCEL_SLIDE_PX = 60;
/** The last seconds before the limit are counted down in the overlay. */
const COUNTDOWN_FROM_S = 10;

/** What the recording overlay shows now. */
export interface VoiceOverlay {
  readonly recording: boolean;
  /** Released here, the recording is thrown away. */
  readonly cancel: boolean;
  /** Whole seconds recorded. */
  readonly seconds: number;
  /** Seconds left before the 60 s limit, once in the last ten; undefined before. */
  readonly remaining?: number;
}

/** How a press ended: send the recording, throw it away, or it was too short to keep. */
export type VoiceOutcome = 'send' | 'cancel';

/**
 * Press-and-hold to talk, the same on the H5 page and in kf-chat: press starts (once the platform
 * has a microphone), moving the finger up more than CANCEL_SLIDE_PX arms the cancel, moving back
 * disarms it, release ends it, and the limit ends it while still pressed. The platform glue only
 * starts and stops its recorder and draws `overlay()`.
 */
export class VoicePress {
  private startY = 0;
  private startedAt = 0;
  private active = false;
  private armed = false;

  constructor(private readonly now: () => number) {}

  get recording(): boolean {
    return this.active;
  }

  press(y: number): void {
    this.active = true;
    this.armed = false;
    this.startY = y;
    this.startedAt = this.now();
  }

  /** The finger moved; true when the cancel state changed (the overlay needs drawing). */
  move(y: number): boolean {
    if (!this.active) return false;
    const armed = this.startY - y > CANCEL_SLIDE_PX;
    const changed = armed !== this.armed;
    this.armed = armed;
    return changed;
  }

  /** Released (or the limit was hit): what to do with the recording and how long it ran. */
  release(): { outcome: VoiceOutcome; durationMs: number } | undefined {
    if (!this.active) return undefined;
    this.active = false;
    const durationMs = Math.min(RECORDING_LIMIT_MS, Math.max(0, this.now() - this.startedAt));
    return { outcome: this.armed ? 'cancel' : 'send', durationMs };
  }

  /** The platform took the recording away (a call came in, the window closed). */
  abort(): void {
    this.active = false;
    this.armed = false;
  }

  overlay(): VoiceOverlay {
    if (!this.active) return { recording: false, cancel: false, seconds: 0 };
    const elapsed = Math.max(0, this.now() - this.startedAt);
    const left = Math.ceil((RECORDING_LIMIT_MS - elapsed) / 1000);
    return { recording: true, cancel: this.armed, seconds: Math.floor(elapsed / 1000), ...(left <= COUNTDOWN_FROM_S ? { remaining: Math.max(0, left) } : {}) };
  }
}

/** 0:07, the recording timer. */
export function recordingClock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
