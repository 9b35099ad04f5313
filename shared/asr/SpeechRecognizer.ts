/**
 * Speech to text for voice messages: one short recording (at most 60 s) in, its words out. Audio
 * arrives decoded to 16 kHz mono 16-bit WAV, which every recogniser we use accepts.
 */
export interface SpeechRecognizer {
  /** The words, or '' when nothing was said; rejects when the service cannot be used. */
  recognize(wav16k: Uint8Array): Promise<string>;
}
