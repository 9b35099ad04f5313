import type { TransportResponse } from './Transport';
import type { MediaUpload } from './ChatView';

/**
 * One platform upload of one file: to `url` (the origin in use), with the session `headers` and
 * the multipart form `fields`; resolves with the HTTP answer (`my.uploadFile` in kf-chat, a
 * FormData POST on the H5 page).
 */
export type SendFile = (url: string, headers: Readonly<Record<string, string>>, fields: Readonly<Record<string, string>>) => Promise<TransportResponse>;

/**
 * The voice message or picture for ChatSession.sendMedia: the form fields `POST /v1/media` reads
 * (the conversation, the kind, extras such as the voice's length) put together once, for both
 * platforms.
 */
export function mediaUpload(kind: 'voice' | 'image', label: string, send: SendFile, extra: Readonly<Record<string, string>> = {}): MediaUpload {
  return { kind, label, upload: (conversationId) => (url, headers) => send(url, headers, { conversationId, kind, ...extra }) };
}
