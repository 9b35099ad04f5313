import type { ChatTexts } from './chatText';
import type { ChatView } from './ChatView';

/**
 * The banner over the chat: the device's own network first (no network is not a busy service),
 * then the backup domain in use, then neither domain answering. Empty while all is well.
 */
export function connectionBanner(view: Pick<ChatView, 'offline' | 'chat'>, t: ChatTexts): string {
  if (view.offline) return t.offline;
  const { connection } = view.chat;
  return connection === 'backup' ? t.backup : connection === 'degraded' ? t.degraded : '';
}
