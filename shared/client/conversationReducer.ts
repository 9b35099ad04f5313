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
  /** The place in the queue while `status` is 'queued' and the place is known. */
  /** The place while queued; no estimate while nobody serving the group is online. */
  readonly queue?: { readonly position: number; readonly estimatedWaitSeconds?: number };
  /** The agent who holds (or last held) the conversation; cleared when it goes back to a queue. */
  readonly assigneeName?: string;
  /** The agent put the conversation on hold (looking something up). */
  readonly onHold: boolean;
  readonly connection: ConnectionState;
  /** Older history exists before the first message shown. */
  readonly moreBefore: boolean;
  /** The user left a message (留言) in this conversation. */
  readonly leftMessage: boolean;
}

export type ChatAction =
  | { readonly type: 'events'; readonly events: readonly ConversationEvent[]; readonly cursor: number }
  | { readonly type: 'history'; readonly messages: readonly Message[]; readonly moreBefore: boolean }
  | { readonly type: 'sending'; readonly item: OutboxItem }
  | { readonly type: 'sent'; readonly clientMessageId: string; readonly message: Message }
  | { readonly type: 'rejected'; readonly clientMessageId: string; readonly error: string }
  | { readonly type: 'queue'; readonly position?: number; readonly estimatedWaitSeconds?: number }
  | { readonly type: 'connection'; readonly state: ConnectionState }
  | { readonly type: 'leftMessage' }
  /** The conversation as the server reported it when the chat opened (a fresh or a resumed one). */
  | { readonly type: 'opened'; readonly status: ConversationStatus; readonly cursor: number; readonly assigneeName?: string; readonly onHold?: boolean; readonly leftMessage?: boolean };

export const initialChatState: ChatState = { cursor: 0, messages: [], pending: [], connection: 'primary', moreBefore: false, onHold: false, leftMessage: false };

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

/**
 * One typed event of the log applied to the state: the server writes an event for every change it
 * commits, so the state follows them alone (the transcript's notices are for people to read).
 */
function applyEvent(state: ChatState, e: ConversationEvent): ChatState {
  const status = 'status' in e ? { status: e.status } : {};
  switch (e.type) {
    case 'queued': {
      // A new wait (a transfer to another group, say): the place of an older one means nothing.
      const { assigneeName: _gone, queue: _old, ...rest } = state;
      return { ...rest, ...status, ...(e.position !== undefined ? { queue: { position: e.position, ...(e.estimatedWaitSeconds !== undefined ? { estimatedWaitSeconds: e.estimatedWaitSeconds } : {}) } } : {}) };
    }
    case 'assigned':
      return { ...state, ...status, assigneeName: e.assigneeName };
    case 'transferred': {
      if (e.status === 'assigned') return { ...state, ...status, ...(e.assigneeName !== undefined ? { assigneeName: e.assigneeName } : {}) };
      const { assigneeName: _gone, queue: _old, ...rest } = state;
      return { ...rest, ...status };
    }
    case 'held':
      return { ...state, onHold: e.onHold };
    case 'message':
    case 'ticket':
      return state;
    case 'status':
    case 'resolved':
    case 'rated':
      return { ...state, ...status };
  }
}

export function conversationReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'events': {
      const incoming: Message[] = [];
      for (const e of action.events) if (e.type === 'message') incoming.push(e.message);
      const messages = merge(state.messages, incoming);
      // Only events after the cursor change the state: a replayed page (a retried poll) must not
      // take the conversation back to an older status.
      const fresh = action.events.filter((e) => e.seq > state.cursor).sort((a, b) => a.seq - b.seq);
      const next = fresh.reduce(applyEvent, state);
      return {
        ...next,
        messages,
        pending: settle(state.pending, messages),
        cursor: Math.max(state.cursor, action.cursor),
        ...(next.status !== 'queued' ? { queue: undefined } : {}),
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
      // A place read while the events said the wait ended is stale.
      if (state.status !== 'queued') return state.queue ? { ...state, queue: undefined } : state;
      return action.position === undefined ? { ...state, queue: undefined } : { ...state, queue: { position: action.position, ...(action.estimatedWaitSeconds !== undefined ? { estimatedWaitSeconds: action.estimatedWaitSeconds } : {}) } };
    case 'connection':
      return { ...state, connection: action.state };
    case 'leftMessage':
      return { ...state, leftMessage: true };
    case 'opened':
      return {
        ...initialChatState,
        pending: state.pending,
        connection: state.connection,
        status: action.status,
        cursor: action.cursor,
        onHold: action.onHold ?? false,
        leftMessage: action.leftMessage ?? false,
        ...(action.assigneeName !== undefined ? { assigneeName: action.assigneeName } : {}),
      };
  }
}

/**
 * Who serves the user: the assignee of the events; for a log without typed events, the name on the
 * newest agent reply. None while the bot or a queue holds the conversation.
 */
export function servingAgent(chat: ChatState): string | undefined {
  if (chat.status === 'bot' || chat.status === 'queued') return undefined;
  return chat.assigneeName ?? [...chat.messages].reverse().find((m) => m.sender.role === 'agent' && m.sender.name)?.sender.name;
}
