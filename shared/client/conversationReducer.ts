import type { ConversationEvent, ConversationStatus, Message } from '../schemas';
import type { ConnectionState } from './ApiClient';
import type { OutboxItem } from './Outbox';

/** A message the user wrote that the server has not echoed yet. */
export interface PendingMessage {
  readonly clientMessageId: string;
  readonly text: string;
  readonly state: 'sending' | 'failed';
  /** Why the server refused it (shown under the bubble; tap to retry). */
  readonly error?: string;
}

/** Everything the chat window renders, derived only from actions: the same for mini-program and H5. */
export interface ChatState {
  readonly cursor: number;
  /** Server messages in seq order, each once. */
  readonly messages: readonly Message[];
  readonly pending: readonly PendingMessage[];
  readonly status?: ConversationStatus;
  readonly queue?: { readonly position: number; readonly estimatedWaitSeconds: number };
  readonly connection: ConnectionState;
  /** Older history exists before the first message shown. */
  readonly moreBefore: boolean;
}

export type ChatAction =
  | { readonly type: 'events'; readonly events: readonly ConversationEvent[]; readonly cursor: number }
  | { readonly type: 'history'; readonly messages: readonly Message[]; readonly moreBefore: boolean }
  | { readonly type: 'sending'; readonly item: OutboxItem }
  | { readonly type: 'sent'; readonly clientMessageId: string; readonly message: Message }
  | { readonly type: 'rejected'; readonly clientMessageId: string; readonly error: string }
  | { readonly type: 'queue'; readonly position?: number; readonly estimatedWaitSeconds?: number }
  | { readonly type: 'connection'; readonly state: ConnectionState }
  /** The conversation as the server reported it when the chat opened (a fresh or a resumed one). */
  | { readonly type: 'opened'; readonly status: ConversationStatus; readonly cursor: number };

export const initialChatState: ChatState = { cursor: 0, messages: [], pending: [], connection: 'primary', moreBefore: false };

/** Adds messages by seq; a message already shown (a retried poll, a replayed page) is ignored. */
function merge(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  const bySeq = new Map(existing.map((m) => [m.seq, m]));
  for (const m of incoming) if (!bySeq.has(m.seq)) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Pending bubbles whose message the server has now returned are replaced by it. */
function settle(pending: readonly PendingMessage[], messages: readonly Message[]): PendingMessage[] {
  const confirmed = new Set<string>();
  for (const m of messages) if (m.clientMessageId) confirmed.add(m.clientMessageId);
  return pending.filter((p) => !confirmed.has(p.clientMessageId));
}

export function conversationReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'events': {
      const incoming: Message[] = [];
      for (const e of action.events) if (e.type === 'message') incoming.push(e.message);
      const lastStatus = [...action.events].reverse().find((e) => e.type === 'status');
      const messages = merge(state.messages, incoming);
      // Status changes arrive as status events or as the notices that announce them; a rating
      // in the transcript means the conversation is rated.
      const statusFromMessage = [...incoming].reverse().find((m) => m.body.type === 'rating' || (m.body.type === 'system' && ['queued', 'assigned', 'resolved'].includes(m.body.event)));
      const status: ConversationStatus | undefined =
        lastStatus?.type === 'status'
          ? lastStatus.status
          : statusFromMessage?.body.type === 'rating'
            ? 'rated'
            : statusFromMessage?.body.type === 'system'
              ? (statusFromMessage.body.event as ConversationStatus)
              : state.status;
      return {
        ...state,
        messages,
        pending: settle(state.pending, messages),
        cursor: Math.max(state.cursor, action.cursor),
        ...(status ? { status } : {}),
        ...(status && status !== 'queued' ? { queue: undefined } : {}),
      };
    }
    case 'history':
      return { ...state, messages: merge(state.messages, action.messages), moreBefore: action.moreBefore };
    case 'sending':
      if (state.pending.some((p) => p.clientMessageId === action.item.clientMessageId)) {
        return { ...state, pending: state.pending.map((p) => (p.clientMessageId === action.item.clientMessageId ? { clientMessageId: p.clientMessageId, text: p.text, state: 'sending' } : p)) };
      }
      return { ...state, pending: [...state.pending, { clientMessageId: action.item.clientMessageId, text: action.item.text, state: 'sending' }] };
    case 'sent': {
      const messages = merge(state.messages, [action.message]);
      return { ...state, messages, pending: settle(state.pending, messages) };
    }
    case 'rejected':
      return { ...state, pending: state.pending.map((p) => (p.clientMessageId === action.clientMessageId ? { ...p, state: 'failed', error: action.error } : p)) };
    case 'queue':
      return action.position === undefined ? { ...state, queue: undefined } : { ...state, queue: { position: action.position, estimatedWaitSeconds: action.estimatedWaitSeconds ?? 0 } };
    case 'connection':
      return { ...state, connection: action.state };
    case 'opened':
      return { ...initialChatState, pending: state.pending, connection: state.connection, status: action.status, cursor: action.cursor };
  }
}
