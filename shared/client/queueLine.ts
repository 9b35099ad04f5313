import type { ChatTexts } from './chatText';
import type { ChatState } from './conversationReducer';

/**
 * The waiting user's status line (您前面还有 2 位,预计等待约 3 分钟), the same in the mini-program and
 * the H5 page; no estimate while nobody serving the group is online. Empty unless queued.
 */
export function queueLine(chat: Pick<ChatState, 'status' | 'queue'>, t: ChatTexts): string {
  if (chat.status !== 'queued' || !chat.queue) return '';
  return placeLine(chat.queue, t);
}

/**
 * A place in the queue in words. The server's 30-second automatic reply says it with these words
 * too, so the notice in the transcript and the status line above it never disagree.
 */
export function placeLine(place: { position: number; estimatedWaitSeconds?: number | undefined }, t: ChatTexts): string {
  const ahead = Math.max(0, place.position - 1);
  const wait = place.estimatedWaitSeconds;
  return wait === undefined ? t.queueNoAgents(ahead) : t.queue(ahead, Math.max(1, Math.round(wait / 60)));
}
