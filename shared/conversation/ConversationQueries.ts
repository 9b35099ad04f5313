import { createHash } from 'node:crypto';
import type { Principal } from '../auth';
import type { Key, TenantStore } from '../store';
import type { Conversation, ConversationEvent, Message } from '../schemas';
import type { Understanding } from '../nlp';
import { changedView, ViewCache, waitFor, type Notifier } from '../realtime';
import type { ConversationLog } from './ConversationLog';
import { understandingFor, conversationFor, eventFor, messageFor } from './personalDataView';
import { assertRole } from './senders';
import { channels, tables } from './conversationTables';

export interface EventsPage {
  readonly events: ConversationEvent[];
  /** Pass back as `after` to continue; equals the input when nothing new arrived. */
  readonly cursor: number;
}

export interface MessagesPage {
  readonly messages: Message[];
  /** Pass back as `before` to load older messages; absent when the start is reached. */
  readonly nextBefore?: number;
}

export type InboxBox = 'waiting' | 'mine' | 'all';

export interface InboxView {
  readonly box: InboxBox;
  /** Changes whenever what the inbox shows changes; pass back as `since` to wait for the next. */
  readonly version: string;
  readonly conversations: Conversation[];
}

export interface ConversationQueriesOptions {
  readonly log: ConversationLog;
  readonly notifier: Notifier;
  /** Longest a long-poll waits for new events. */
  readonly longPollTimeoutMs?: number;
  /** How often a waiting long-poll re-reads the store, for writes made by other instances. */
  readonly recheckMs?: number;
  /** Told of every user's long-poll of their conversation (the reply push skips users in the chat). */
  readonly onUserPoll?: (tenant: string, userId: string) => void;
}

const STAFF: readonly Principal['role'][] = ['agent', 'supervisor', 'admin'];
/** How many waiting and how many assigned conversations 全部 reads before it sorts by activity. */
const OPEN_SCAN = 500;

/** The read side of conversations: one, a user's, the inboxes, the event log and its pages. */
export class ConversationQueries {
  private readonly log: ConversationLog;
  readonly notifier: Notifier;
  readonly longPollTimeoutMs: number;
  readonly recheckMs: number;
  private readonly onUserPoll: (tenant: string, userId: string) => void;
  /** Inboxes as the long-polls read them, one read per view. */
  private readonly views: ViewCache<{ conversations: Conversation[]; version: string }>;

  constructor(o: ConversationQueriesOptions) {
    this.onUserPoll = o.onUserPoll ?? (() => undefined);
    this.log = o.log;
    this.notifier = o.notifier;
    this.longPollTimeoutMs = o.longPollTimeoutMs ?? 25_000;
    this.recheckMs = o.recheckMs ?? 1000;
    this.views = new ViewCache(o.notifier, { maxAgeMs: this.recheckMs / 2 });
  }

  /** A conversation the principal may see: its own for a user, any of the merchant's for staff. */
  async get(principal: Principal, id: string): Promise<Conversation> {
    return conversationFor(principal, (await this.log.load(principal, id)).conversation);
  }

  /** The user's own conversations, newest first. */
  async listForUser(user: Principal, limit = 20): Promise<Conversation[]> {
    assertRole(user, ['user']);
    return (await this.ofUser(user.tenant, user.id, limit)).map((c) => conversationFor(user, c));
  }

  /** A customer's past conversations, newest first, for the workbench's customer panel. */
  async pastConversations(staff: Principal, userId: string, limit = 10): Promise<Conversation[]> {
    assertRole(staff, STAFF);
    return (await this.ofUser(staff.tenant, userId, limit)).map((c) => conversationFor(staff, c));
  }

  /** A user's conversations, newest first (routing reads a user's history through this). */
  async ofUser(tenant: string, userId: string, limit: number): Promise<Conversation[]> {
    const db = this.log.db(tenant);
    const page = await db.range<{ conversationId: string }>(tables.userConversation, [userId], { direction: 'backward', limit });
    return resolveIndex(db, page.rows);
  }

  /** One conversation as stored, for the system's own use (timers, routing). */
  async stored(tenant: string, id: string): Promise<Conversation | undefined> {
    return (await this.log.db(tenant).get<Conversation>(tables.conversation, [id]))?.value;
  }

  /**
   * Every conversation of the merchant opened at or after `since`, oldest first (the dashboard:
   * a period's figures need its conversations and those after it, never the ones before).
   */
  async conversationsSince(staff: Principal, since: Date): Promise<Conversation[]> {
    assertRole(staff, ['supervisor', 'admin']);
    const db = this.log.db(staff.tenant);
    const all: Conversation[] = [];
    let token: string | undefined;
    // `opened` is keyed [createdAtMs, id]; '' sorts before every id, so this is the first row at `since`.
    const start = [Math.max(0, since.getTime()), ''];
    do {
      const page = await db.range<{ conversationId: string }>(tables.opened, [], { limit: 1000, ...(token ? { token } : { start }) });
      all.push(...(await resolveIndex(db, page.rows)));
      token = page.nextToken;
    } while (token);
    return all;
  }

  /** The waiting list (oldest first), the agent's own open conversations, or every open one (newest activity first). */
  async inbox(staff: Principal, box: InboxBox, limit = 50): Promise<Conversation[]> {
    assertRole(staff, box === 'all' ? ['supervisor', 'admin'] : STAFF);
    return (await this.inboxRows(staff, box, limit)).map((c) => conversationFor(staff, c));
  }

  /** An inbox as stored, before the viewer's personal-data view. */
  private async inboxRows(staff: Principal, box: InboxBox, limit: number): Promise<Conversation[]> {
    const db = this.log.db(staff.tenant);
    // Read from the index rows the kernel keeps in step, never a scan of every conversation; the
    // open ones are the waiting list and every agent's list (at most OPEN_SCAN of each).
    const index = (table: string, prefix: string[], n: number) => db.range<{ conversationId: string }>(table, prefix, { limit: n }).then((p) => resolveIndex(db, p.rows, table));
    const lists =
      box === 'waiting'
        ? [index(tables.waiting, [], limit)]
        : box === 'mine'
          ? [index(tables.assigned, [staff.id], limit)]
          : [index(tables.waiting, [], OPEN_SCAN), index(tables.assigned, [], OPEN_SCAN)];
    const found = (await Promise.all(lists)).flat();
    return box === 'all' ? found.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, limit) : found;
  }

  /**
   * An inbox with a version of what it shows. With `since` (the version on screen) it long-polls
   * until the view changes: woken only by commits that touch this view (see realtimeListener).
   */
  async inboxView(staff: Principal, box: InboxBox, o: { limit?: number; since?: string; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<InboxView> {
    assertRole(staff, box === 'all' ? ['supervisor', 'admin'] : STAFF);
    const limit = o.limit ?? 50;
    const channel = box === 'waiting' ? channels.waiting(staff.tenant) : box === 'mine' ? channels.agent(staff.tenant, staff.id) : channels.open(staff.tenant);
    const timeoutMs = Math.min(o.timeoutMs ?? 0, this.longPollTimeoutMs);
    const polling = o.since !== undefined && timeoutMs > 0;
    const arrived = this.views.mark();
    // A long-poll shares the view's read with every other poller of it (ViewCache); a first load
    // reads on its own, so a console that just acted sees its change.
    const rows = (after?: number) => {
      const read = async () => {
        const conversations = await this.inboxRows(staff, box, limit);
        return { conversations, version: createHash('sha1').update(conversations.map((x) => `${x.id}:${x.lastSeq}:${x.status}`).join(',')).digest('base64url') };
      };
      return polling ? this.views.get(channel, `${box}|${box === 'mine' ? staff.id : ''}|${limit}`, read, after) : read();
    };
    const view = ({ conversations, version }: Awaited<ReturnType<typeof rows>>): InboxView => ({ box, version, conversations: conversations.map((c) => conversationFor(staff, c)) });
    if (!polling) return view(await rows());
    const [changed] = await waitFor(this.notifier, channel, async () => {
      const fresh = await changedView(arrived, rows, (r) => r.version === o.since);
      return fresh ? [view(fresh)] : [];
    }, { timeoutMs, recheckMs: this.recheckMs, ...(o.signal ? { signal: o.signal } : {}) });
    return changed ?? view(await rows(arrived));
  }

  /** The waiting list in arrival order, for the timers. */
  async waitingList(tenant: string, limit: number): Promise<{ queuedAtMs: number; conversationId: string }[]> {
    const page = await this.log.db(tenant).range<{ conversationId: string }>(tables.waiting, [], { limit });
    return page.rows.map((r) => ({ queuedAtMs: Number(r.key[0]), conversationId: r.value.conversationId }));
  }

  /** Every assigned conversation of the merchant, for the no-reply timer. */
  async assignedConversations(tenant: string, limit: number): Promise<Conversation[]> {
    const db = this.log.db(tenant);
    const page = await db.range<{ conversationId: string }>(tables.assigned, [], { limit });
    return resolveIndex(db, page.rows, tables.assigned);
  }

  /** The understanding stored with each user message, oldest first (for the agent's ticket panel). */
  async understandings(staff: Principal, conversationId: string): Promise<{ seq: number; understanding: Understanding }[]> {
    assertRole(staff, STAFF);
    await this.log.load(staff, conversationId);
    const page = await this.log.db(staff.tenant).range<Understanding & Record<string, unknown>>(tables.understanding, [conversationId], { limit: 1000 });
    return page.rows.map((r) => ({ seq: Number(r.key[1]), understanding: understandingFor(staff, r.value) }));
  }

  /** Events after the cursor; waits (long-poll) until one arrives or the timeout passes. */
  async events(principal: Principal, conversationId: string, after: number, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<EventsPage> {
    await this.log.load(principal, conversationId);
    if (principal.role === 'user') this.onUserPoll(principal.tenant, principal.id);
    const db = this.log.db(principal.tenant);
    const timeoutMs = Math.min(options.timeoutMs ?? this.longPollTimeoutMs, this.longPollTimeoutMs);
    const read = async () => (await db.range<ConversationEvent>(tables.event, [conversationId], { start: [conversationId, after + 1], limit: 100 })).rows.map((r) => r.value);
    const events =
      timeoutMs > 0
        ? await waitFor(this.notifier, channels.conversation(principal.tenant, conversationId), read, { timeoutMs, recheckMs: this.recheckMs, ...(options.signal ? { signal: options.signal } : {}) })
        : await read();
    return { events: events.flatMap((e) => eventFor(principal, e) ?? []), cursor: events.length ? events[events.length - 1]!.seq : after };
  }

  /** Messages before `before` (newest first in storage, returned oldest first), `limit` per page. */
  async messages(principal: Principal, conversationId: string, options: { before?: number; limit?: number } = {}): Promise<MessagesPage> {
    await this.log.load(principal, conversationId);
    const db = this.log.db(principal.tenant);
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
    const collected: Message[] = [];
    let token: string | undefined;
    let more = false;
    const start = options.before !== undefined ? [conversationId, Math.max(options.before - 1, 0)] : undefined;
    // State events share the log with messages, so keep reading pages until `limit` messages.
    read: for (;;) {
      const page = await db.range<ConversationEvent>(tables.event, [conversationId], { direction: 'backward', limit: limit + 1, ...(token ? { token } : start ? { start } : {}) });
      for (const row of page.rows) {
        if (row.value.type !== 'message' || (principal.role === 'user' && row.value.message.body.type === 'note')) continue;
        if (collected.length === limit) {
          more = true;
          break read;
        }
        collected.push(messageFor(principal, row.value.message));
      }
      if (!page.nextToken) break;
      token = page.nextToken;
    }
    const oldest = collected[collected.length - 1];
    collected.reverse();
    return more && oldest ? { messages: collected, nextBefore: oldest.seq } : { messages: collected };
  }
}

/** The conversations index rows point to, in the rows' order; a row whose conversation is gone is skipped. */
type IndexRow = { readonly key: Key; readonly value: { conversationId: string }; readonly version?: number };

/**
 * Whether an inbox index row still says what its conversation says. On Tablestore an index row
 * lives in another partition than its conversation and is written after the conversation's commit
 * (or again by recovery after a crash: shared/store/tablestoreBatch.ts), so a reader can meet one
 * a later commit has already made stale; it is skipped, never shown.
 */
function indexCurrent(table: string, row: IndexRow, c: Conversation): boolean {
  if (table === tables.waiting) return c.status === 'queued' && c.queuedAt !== undefined && Date.parse(c.queuedAt) === Number(row.key[0]);
  if (table === tables.assigned) return c.status === 'assigned' && c.assigneeId === row.key[0];
  return true;
}

async function resolveIndex(db: TenantStore, rows: readonly IndexRow[], table?: string): Promise<Conversation[]> {
  const found = await Promise.all(rows.map((r) => db.get<Conversation>(tables.conversation, [r.value.conversationId])));
  const out: Conversation[] = [];
  found.forEach((r, i) => {
    const row = rows[i]!;
    if (r && (table === undefined || indexCurrent(table, row, r.value))) out.push(r.value);
    // A stale index row is deleted (unless it changed since it was read), so it stops taking a
    // place in every later page.
    else if (table !== undefined && row.version !== undefined) void db.delete(table, row.key, { version: row.version }).catch(() => undefined);
  });
  return out;
}
