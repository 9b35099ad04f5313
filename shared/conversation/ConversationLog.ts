import { createHash, randomUUID } from 'node:crypto';
import { KefuError } from '../errors';
import { isConditionFailed, type Store, type TenantStore, type WriteOp } from '../store';
import type { Principal } from '../auth';
import type { Conversation, ConversationEvent, Message } from '../schemas';
import type { BotObservation } from './ConversationBot';
import { retryOnConflict } from './retryOnConflict';
import { tables } from './conversationTables';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A message as a decision writes it: the kernel gives it its id, seq and time. */
export interface NewMessage {
  readonly sender: Message['sender'];
  readonly body: Message['body'];
  readonly clientMessageId?: string;
  /** Chosen before the commit when the decision refers to it (the ticket's source). */
  readonly id?: string;
}

/** An event as a decision writes it: seq and time are the kernel's. */
export type NewEvent = { readonly type: 'message'; readonly message: NewMessage } | DistributiveOmit<Exclude<ConversationEvent, { type: 'message' }>, 'seq' | 'at'>;

/** Fields to change on the conversation; `null` removes a field (no longer assigned, say). */
export type ConversationPatch = { readonly [K in keyof Conversation]?: Conversation[K] | null };

/** What an action does to a conversation, decided from the conversation as read. */
export interface Decision {
  readonly set?: ConversationPatch;
  readonly events?: readonly NewEvent[];
  /** Rows of other tables in the same atomic batch (the understanding, an agent's load, an alert). */
  readonly ops?: readonly WriteOp[];
  /** Facts for listeners once committed (the bot's statistics); not stored. */
  readonly observations?: readonly BotObservation[];
}

/** One committed change, as listeners receive it. */
export interface Committed {
  readonly tenant: string;
  readonly actor: Principal;
  readonly before: Conversation;
  readonly after: Conversation;
  readonly events: readonly ConversationEvent[];
  readonly observations: readonly BotObservation[];
}

export type ConversationListener = (committed: Committed) => void | Promise<void>;

/**
 * Rows kept in step with the conversation's state (inbox indexes, queues): computed from the row
 * before and after every commit and written in the same batch, so an index never disagrees with
 * the conversation it points to.
 */
export type Projection = (before: Conversation | undefined, after: Conversation) => readonly WriteOp[];

/** Makes a message idempotent: a retry with the same client id returns the stored message. */
export interface Idempotency {
  readonly authorId: string;
  readonly clientMessageId: string;
  /** What the client sent; the same id with other content is IDEMPOTENCY_CONFLICT. */
  readonly content: string;
}

export interface CommitResult {
  readonly conversation: Conversation;
  readonly events: readonly ConversationEvent[];
  /** The decision changed nothing (the action was already done). */
  readonly unchanged: boolean;
  /** The message stored by an earlier request with the same client id (an idempotent retry). */
  readonly replayed?: Message;
}

export interface CommitOptions {
  readonly idempotency?: Idempotency;
  /** Lost races redone before CONFLICT; 0 for a caller that picks again itself (the dispatcher). */
  readonly retries?: number;
}

export type Decide = (conversation: Conversation, now: Date) => Decision | undefined | Promise<Decision | undefined>;

export interface ConversationLogOptions {
  readonly store: Store;
  readonly clock?: () => Date;
  /** A listener that throws must not fail a change that is already stored: it is reported here. */
  readonly onListenerError?: (err: unknown, committed: Committed) => void;
}

/**
 * The conversation kernel: every change to a conversation is load -> decide (from the row as read)
 * -> one batch conditional on the row's version (the row, its events, projections and the
 * decision's other rows) -> the committed events to listeners. A lost race is re-decided on fresh
 * data; seq numbers come from the row itself, so events commit in seq order without gaps and a
 * long-poll cursor never skips one.
 */
export class ConversationLog {
  private readonly store: Store;
  private readonly clock: () => Date;
  private readonly projections: Projection[] = [];
  private readonly listeners: ConversationListener[] = [];
  private readonly onListenerError: (err: unknown, committed: Committed) => void;

  constructor(options: ConversationLogOptions) {
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.onListenerError = options.onListenerError ?? (() => undefined);
  }

  now(): Date {
    return this.clock();
  }

  /** Registered once, in the composition root. */
  addProjection(projection: Projection): void {
    this.projections.push(projection);
  }

  /** Registered once, in the composition root; run in registration order after every commit. */
  addListener(listener: ConversationListener): void {
    this.listeners.push(listener);
  }

  db(tenant: string): TenantStore {
    return this.store.tenant(tenant);
  }

  /** The conversation the principal may act on; another user's is reported as missing, not forbidden. */
  async load(principal: Principal, id: string): Promise<{ conversation: Conversation; version: number }> {
    const row = await this.db(principal.tenant).get<Conversation>(tables.conversation, [id]);
    if (!row || (principal.role === 'user' && row.value.userId !== principal.id)) throw new KefuError('CONVERSATION_NOT_FOUND');
    return { conversation: row.value, version: row.version };
  }

  /** A new conversation with its index rows. */
  async open(actor: Principal, conversation: Conversation): Promise<Conversation> {
    await this.db(conversation.tenant).batchWrite([
      { op: 'put', table: tables.conversation, key: [conversation.id], value: conversation, condition: 'notExists' },
      {
        op: 'put',
        table: tables.userConversation,
        key: [conversation.userId, Date.parse(conversation.createdAt), conversation.id],
        value: { conversationId: conversation.id },
        // A new key (the id is new): saying so spares a store that must read a row's version first.
        condition: 'notExists',
      },
      { op: 'put', table: tables.opened, key: [Date.parse(conversation.createdAt), conversation.id], value: { conversationId: conversation.id } },
      ...this.projections.flatMap((p) => p(undefined, conversation)),
    ]);
    await this.publish({ tenant: conversation.tenant, actor, before: conversation, after: conversation, events: [], observations: [] });
    return conversation;
  }

  /**
   * Applies `decide` to the conversation and commits what it decided, retrying lost races. With
   * `idempotency`, a message already stored under the client's id is returned instead of deciding.
   */
  async commit(actor: Principal, conversationId: string, decide: Decide, options: CommitOptions = {}): Promise<CommitResult> {
    const idempotency = options.idempotency;
    const fingerprint = idempotency ? createHash('sha256').update(idempotency.content).digest('base64url') : '';
    type Attempt = CommitResult & { committed?: Committed };
    const result = await retryOnConflict(async (): Promise<Attempt> => {
      const db = this.db(actor.tenant);
      const { conversation, version } = await this.load(actor, conversationId);
      // Idempotency is optimistic: the batch of a message puts its client-id row on the condition
      // that none exists, so a retry of a stored message fails there (or in deciding, when the
      // conversation has moved on) and only then is the stored one read. A first delivery, nearly
      // every message, costs no extra read.
      const stored = async (): Promise<Attempt | undefined> => {
        const previous = idempotency ? await db.get<{ seq: number; fingerprint: string }>(tables.clientMessage, [conversationId, idempotency.authorId, idempotency.clientMessageId]) : undefined;
        return previous ? { conversation, events: [], unchanged: true, replayed: await this.replayed(db, conversationId, previous.value, fingerprint) } : undefined;
      };
      const replay = async (err: unknown): Promise<Attempt> => {
        const found = await stored();
        if (!found) throw err;
        return found;
      };
      const now = this.clock();
      let decision: Decision | undefined;
      try {
        decision = await decide(conversation, now);
      } catch (err) {
        return replay(err);
      }
      if (!decision) return (await stored()) ?? { conversation, events: [], unchanged: true };
      const events = this.number(conversation, decision.events ?? [], now);
      const after = this.apply(conversation, decision.set ?? {}, events, now);
      const ops: WriteOp[] = [
        { op: 'put', table: tables.conversation, key: [conversationId], value: after, condition: { version } },
        ...events.map((e): WriteOp => ({ op: 'put', table: tables.event, key: [conversationId, e.seq], value: e, condition: 'notExists' })),
        ...(decision.ops ?? []),
        ...this.projections.flatMap((p) => p(conversation, after)),
      ];
      if (idempotency) {
        const own = events.find((e) => e.type === 'message' && e.message.clientMessageId === idempotency.clientMessageId);
        if (own) ops.push({ op: 'put', table: tables.clientMessage, key: [conversationId, idempotency.authorId, idempotency.clientMessageId], value: { seq: own.seq, fingerprint }, condition: 'notExists' });
      }
      try {
        await db.batchWrite(ops);
      } catch (err) {
        // The client id is taken: a retry of a message already stored. Any other lost race (a
        // concurrent change) is redone on fresh data by retryOnConflict.
        if (isConditionFailed(err) && err.details?.['table'] === tables.clientMessage) return replay(err);
        throw err;
      }
      const committed: Committed = { tenant: actor.tenant, actor, before: conversation, after, events, observations: decision.observations ?? [] };
      return { conversation: after, events, unchanged: false, committed };
    }, options.retries);
    if (result.committed) await this.publish(result.committed);
    return { conversation: result.conversation, events: result.events, unchanged: result.unchanged, ...(result.replayed ? { replayed: result.replayed } : {}) };
  }

  /** Listeners run one after another; one that fails is reported and the others still run. */
  private async publish(committed: Committed): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(committed);
      } catch (err) {
        this.onListenerError(err, committed);
      }
    }
  }

  private number(conversation: Conversation, events: readonly NewEvent[], now: Date): ConversationEvent[] {
    const at = now.toISOString();
    return events.map((e, i): ConversationEvent => {
      const seq = conversation.lastSeq + 1 + i;
      if (e.type !== 'message') return { ...e, seq, at };
      const m = e.message;
      const message: Message = {
        id: m.id ?? randomUUID(),
        conversationId: conversation.id,
        seq,
        sender: m.sender,
        ...(m.clientMessageId ? { clientMessageId: m.clientMessageId } : {}),
        body: m.body,
        createdAt: at,
      };
      return { seq, type: 'message', message };
    });
  }

  private apply(conversation: Conversation, set: ConversationPatch, events: readonly ConversationEvent[], now: Date): Conversation {
    const after: Record<string, unknown> = { ...conversation, ...set, updatedAt: now.toISOString(), lastSeq: conversation.lastSeq + events.length };
    for (const [k, v] of Object.entries(after)) if (v === null || v === undefined) delete after[k];
    return after as Conversation;
  }

  private async replayed(db: TenantStore, conversationId: string, previous: { seq: number; fingerprint: string }, fingerprint: string): Promise<Message> {
    if (previous.fingerprint !== fingerprint) throw new KefuError('IDEMPOTENCY_CONFLICT');
    const event = await db.get<ConversationEvent>(tables.event, [conversationId, previous.seq]);
    if (event?.value.type !== 'message') throw new KefuError('CONFLICT');
    return event.value.message;
  }
}
