/**
 * Size limits that clients check before sending and the server enforces again. Kept free of
 * imports so the mini-program bundle can use them without the schema library.
 */

/** Longest text a user or agent may send in one message (characters). */
export const MAX_TEXT_LENGTH = 2000;

/** Largest image a user may send (bytes), and the types accepted. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const IMAGE_TYPES = ['png', 'jpeg', 'webp'] as const;

/** Voice messages: shortest and longest recording, and the largest file (bytes). */
export const MIN_VOICE_MS = 1000;
export const MAX_VOICE_MS = 60_000;
export const MAX_VOICE_BYTES = 2 * 1024 * 1024;
