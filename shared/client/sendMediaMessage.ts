import type { Message } from '../schemas';
import { ApiError, UnreachableError, type ApiClient } from './ApiClient';
import type { MediaUpload } from './ChatView';
import type { ChatTexts } from './chatText';
import type { ChatAction } from './conversationReducer';

/** What sending a voice message or picture needs from the chat session. */
export interface MediaSendContext {
  readonly api: ApiClient;
  readonly texts: ChatTexts;
  readonly clientMessageId: string;
  readonly now: number;
  /** The open conversation's id (a new one is opened when none is). */
  readonly conversation: () => Promise<string>;
  readonly authorized: <T>(fn: () => Promise<T>) => Promise<T>;
  readonly post: (conversationId: string, body: unknown) => Promise<Message>;
  readonly dispatch: (action: ChatAction) => void;
  readonly setNotice: (notice: string) => void;
  /** Shows an API refusal or the connection state as the notice. */
  readonly fail: (err: unknown) => void;
}

/**
 * Uploads the file, then posts a message that references it. Files are not kept in the outbox
 * (the platform's temp files do not outlive the app), so a failure is reported at once.
 */
export async function sendMediaMessage(media: MediaUpload, c: MediaSendContext): Promise<boolean> {
  const { clientMessageId } = c;
  try {
    const conversationId = await c.conversation();
    c.dispatch({ type: 'sending', item: { conversationId, clientMessageId, text: media.label, createdAt: c.now } });
    const { mediaId } = await c.authorized(() => c.api.upload<{ mediaId?: string }>('/v1/media', media.upload(conversationId)));
    if (!mediaId) throw new ApiError(502, 'UPLOAD_FAILED', c.texts.sendFailed);
    const message = await c.post(conversationId, { clientMessageId, mediaId });
    c.dispatch({ type: 'sent', clientMessageId, message });
    c.setNotice('');
    return true;
  } catch (err) {
    // An answer without our error body (a gateway's 413, say) has no words for the user: ours instead.
    const refused = err instanceof ApiError && err.code === 'HTTP_ERROR' ? new ApiError(err.status, err.code, c.texts.sendFailed) : err;
    c.dispatch({ type: 'rejected', clientMessageId, error: refused instanceof ApiError ? refused.message : c.texts.sendFailed });
    if (refused instanceof ApiError || refused instanceof UnreachableError) c.fail(refused);
    else c.setNotice(c.texts.sendFailed);
    return false;
  }
}
