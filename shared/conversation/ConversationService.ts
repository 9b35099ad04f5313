import { createHash, randomUUID } from 'node:crypto';
import { KefuError } from '../errors';
import { isConditionFailed, type Store, type TenantStore, type WriteOp } from '../store';
import { retryOnConflict } from './retryOnConflict';
import { waitFor, type Notifier } from '../realtime';
import type { Principal } from '../auth';
import type { Conversation, ConversationEvent, ConversationStatus, Message, MessageBody } from '../schemas';
import { mask } from '../nlp/mask';
import { categories } from '../nlp/Entity';
import type { ParseResult } from '../nlp/ParseResult';
import { mergeTicket } from './mergeTicket';
import { analysisFor, conversationFor, messageFor } from './personalDataView';
import { channels, tables } from './conversationTables';
import type { BotCandidate, BotObservation, ConversationBot, HandoffReason } from './ConversationBot';
import type { AvailableAgent, RoutingService } from '../routing/RoutingService';
import type { RoutingInfo } from '../schemas';
import { describeOpening, nextOpening } from '../routing/businessHours';

export interface ConversationServiceOptions {
  readonly store: Store;
  readonly notifier: Notifier;
  readonly clock?: () => Date;
  /** Longest a long-poll waits for new events. */
  readonly longPollTimeoutMs?: number;
  /** How often a waiting long-poll re-reads the store, for writes made by other instances. */
  readonly recheckMs?: number;
  /**
   * The understanding step run on every user message (`parse` of shared/nlp in production). It
   * returns undefined for a text it rejects: such a message is still delivered, just without
   * analysis, so nothing the user sent is lost.
   */
  readonly understand?: (text: string, now: Date) => ParseResult | undefined;
  /**
   * The first responder (the FAQ bot). Without one, every conversation that receives a user
   * message goes straight to the human queue.
   */
  readonly bot?: ConversationBot;
  /**
   * Skill groups, presence and queues. Without it, handed-off conversations wait in one list for
   * any agent to accept.
   */
  readonly routing?: RoutingService;
}

/**
 * What follows a user's message in the same atomic write: the bot's reply, a hand-off to the queue,
 * a self-service resolution. Decided from the conversation as read, so a retry re-decides.
 */
interface FollowUp {
  readonly messages: readonly { sender: Message['sender']; body: MessageBody }[];
  readonly patch: Partial<Conversation>;
  readonly ops: WriteOp[];
  readonly observations: readonly BotObservation[];
  readonly notifyInbox: boolean;
  /** The group whose queue gained the conversation: assignment is tried once the write committed. */
  readonly dispatchGroup?: string;
}

/** A state change of `transition`, decided from the conversation as read (and re-decided on retry). */
interface Change {
  readonly status: ConversationStatus;
  readonly set: Partial<Conversation>;
  readonly notice: { event: 'assigned' | 'resolved' | 'queued' | 'notice'; text: string };
  readonly ops: WriteOp[];
  /** Messages after the notice, in the same write (the bot's suggestions of an automatic reply). */
  readonly extraMessages?: readonly { sender: Message['sender']; body: MessageBody }[];
  /** Messages before the notice (the rating the notice thanks the user for). */
  readonly leadMessages?: readonly { sender: Message['sender']; body: MessageBody }[];
}

/** The principal timers and the router act as. */
const ROUTER = (tenant: string): Principal => ({ tenant, id: 'router', role: 'admin', name: '系统' });

type Planner = (conversation: Conversation, now: Date) => FollowUp | undefined | Promise<FollowUp | undefined>;

const BOT_SENDER: Message['sender'] = { role: 'bot', id: 'faq-bot', name: '智能助手' };
const SYSTEM_SENDER: Message['sender'] = { role: 'system', id: 'system' };
/** 没解决 this many times and the bot hands the conversation to a human. */
const UNRESOLVED_HANDOFF = 2;

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

const OPEN: readonly ConversationStatus[] = ['bot', 'queued', 'assigned'];

/**
 * The conversation lifecycle and its use-cases: a user opens a conversation and writes, it waits in
 * the merchant's queue, an agent claims it, replies and resolves it. Every write that changes state
 * is conditional on the conversation's version, so concurrent actors cannot both win.
 */
export class ConversationService {
  private readonly store: Store;
  private readonly notifier: Notifier;
  private readonly clock: () => Date;
  private readonly longPollTimeoutMs: number;
  private readonly recheckMs: number;
  private readonly understand: (text: string, now: Date) => ParseResult | undefined;
  private readonly bot: ConversationBot | undefined;
  private readonly routing: RoutingService | undefined;

  constructor(options: ConversationServiceOptions) {
    this.store = options.store;
    this.notifier = options.notifier;
    this.clock = options.clock ?? (() => new Date());
    this.longPollTimeoutMs = options.longPollTimeoutMs ?? 25_000;
    this.recheckMs = options.recheckMs ?? 1000;
    this.understand = options.understand ?? (() => undefined);
    this.bot = options.bot;
    this.routing = options.routing;
  }

  async create(user: Principal, channel: Conversation['channel'] = 'miniprogram'): Promise<Conversation> {
    assertRole(user, ['user']);
    const db = this.store.tenant(user.tenant);
    const now = this.clock();
    const conversation: Conversation = {
      id: randomUUID(),
      tenant: user.tenant,
      userId: user.id,
      channel,
      status: 'bot',
      lastSeq: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await db.batchWrite([
      { op: 'put', table: tables.conversation, key: [conversation.id], value: conversation, condition: 'notExists' },
      {
        op: 'put',
        table: tables.userConversation,
        key: [user.id, now.getTime(), conversation.id],
        value: { conversationId: conversation.id },
        // A new key (the id is new): saying so spares a store that must read a row's version first.
        condition: 'notExists',
      },
    ]);
    return conversation;
  }

  /** A conversation the principal may see: its own for a user, any of the merchant's for staff. */
  async get(principal: Principal, id: string): Promise<Conversation> {
    return conversationFor(principal, (await this.load(principal, id)).conversation);
  }

  /** The user's own conversations, newest first. */
  async listForUser(user: Principal, limit = 20): Promise<Conversation[]> {
    assertRole(user, ['user']);
    return this.conversationsOf(user.tenant, user.id, limit);
  }

  /** Every conversation of the merchant (supervisors' views: the all tab, the dashboard's figures). */
  async allConversations(staff: Principal): Promise<Conversation[]> {
    assertRole(staff, ['supervisor', 'admin']);
    const db = this.store.tenant(staff.tenant);
    const all: Conversation[] = [];
    let token: string | undefined;
    do {
      const page = await db.range<Conversation>(tables.conversation, [], { limit: 1000, ...(token ? { token } : {}) });
      all.push(...page.rows.map((r) => r.value));
      token = page.nextToken;
    } while (token);
    return all;
  }

  /** A customer's past conversations, newest first, for the workbench's customer panel. */
  async pastConversations(staff: Principal, userId: string, limit = 10): Promise<Conversation[]> {
    assertRole(staff, ['agent', 'supervisor', 'admin']);
    return (await this.conversationsOf(staff.tenant, userId, limit)).map((c) => conversationFor(staff, c));
  }

  private async conversationsOf(tenant: string, userId: string, limit: number): Promise<Conversation[]> {
    const db = this.store.tenant(tenant);
    const page = await db.range<{ conversationId: string }>(tables.userConversation, [userId], { direction: 'backward', limit });
    const found = await Promise.all(page.rows.map((r) => db.get<Conversation>(tables.conversation, [r.value.conversationId])));
    return found.flatMap((r) => (r ? [r.value] : []));
  }

  /**
   * A user's text message. Idempotent on `clientMessageId`: a retry returns the stored message
   * instead of writing a second one; the same id with other text is IDEMPOTENCY_CONFLICT.
   */
  async sendUserText(user: Principal, conversationId: string, clientMessageId: string, text: string): Promise<Message> {
    assertRole(user, ['user']);
    return this.appendText(user, conversationId, clientMessageId, text, this.botPlan(user.tenant, text));
  }

  /**
   * A voice message or picture the user uploaded (`/v1/media`). While the bot holds the
   * conversation it says it cannot read media yet and points to text or 转人工; an agent sees the
   * media as sent. Idempotent on `clientMessageId` like text.
   */
  async sendUserMedia(user: Principal, conversationId: string, clientMessageId: string, body: Extract<MessageBody, { type: 'voice' | 'image' }>): Promise<Message> {
    assertRole(user, ['user']);
    // A transcribed voice message is a question like a typed one: parse, FAQ, routing.
    if (body.type === 'voice' && body.transcribed && body.text) {
      return this.appendText(user, conversationId, clientMessageId, body.text, this.botPlan(user.tenant, body.text), body);
    }
    const what = body.type === 'voice' ? '语音' : '图片';
    const found = body.type === 'image' && body.text ? this.understand(body.text, this.clock()) : undefined;
    const read = found?.entities.filter((e) => e.type === 'orderNo' || e.type === 'amount' || e.type === 'time').map((e) => e.text) ?? [];
    const reply = read.length
      ? `已收到您的图片,识别到:${read.join('、')}。请再用文字描述一下遇到的问题,或回复"转人工"`
      : body.type === 'voice'
        ? '已收到您的语音,但没能听清。请用文字描述问题,或回复"转人工"'
        : `已收到您的${what}。机器人暂时看不懂这张图片,请用文字描述问题,或回复"转人工"`;
    return this.appendText(
      user,
      conversationId,
      clientMessageId,
      // The text read from a picture fills the ticket (order number, amount, time).
      body.type === 'image' ? (body.text ?? '') : '',
      (c): FollowUp | undefined =>
        c.status !== 'bot'
          ? undefined
          : {
              messages: [{ sender: BOT_SENDER, body: { type: 'system', event: 'notice', text: reply } }],
              patch: {},
              ops: [],
              observations: [],
              notifyInbox: false,
            },
      body,
    );
  }

  /**
   * An agent corrects a ticket field the machine filled (or fills one it missed); empty text clears
   * it. The field keeps the message it came from and records who edited it.
   */
  async editTicket(staff: Principal, conversationId: string, field: 'category' | 'orderNo' | 'amount' | 'time', text: string): Promise<Conversation> {
    assertRole(staff, ['agent', 'supervisor', 'admin']);
    if (field === 'category' && !(categories as readonly string[]).includes(text)) throw new KefuError('VALIDATION_FAILED', `分类只能是 ${categories.join(', ')}`);
    return retryOnConflict(async () => {
      const { db, conversation, version } = await this.load(staff, conversationId);
      const now = this.clock().toISOString();
      const ticket: Record<string, unknown> = { ...conversation.ticket };
      const previous = conversation.ticket?.[field];
      const source = { messageId: previous?.messageId ?? '', seq: previous?.seq ?? Math.max(1, conversation.lastSeq), at: now, editedBy: staff.id };
      if (!text) delete ticket[field];
      else ticket[field] = field === 'category' ? { value: text, confidence: 1, ...source } : { value: text, text, ...source };
      await db.update(tables.conversation, [conversationId], { ticket, updatedAt: now }, { version });
      this.notifier.notify(channels.inbox(staff.tenant));
      return { ...conversation, ticket: ticket, updatedAt: now };
    });
  }

  /** A note for the merchant's staff on an open conversation; the user never sees it. */
  async addNote(staff: Principal, conversationId: string, clientMessageId: string, text: string): Promise<Message> {
    assertRole(staff, ['agent', 'supervisor', 'admin']);
    return this.appendText(staff, conversationId, clientMessageId, '', undefined, { type: 'note', text });
  }

  /**
   * The user tapped 解决了 or 没解决 under the bot's latest answer. 解决了 ends the conversation as
   * self-service; 没解决 offers the other candidates, and the second 没解决 hands off to a human.
   * Recorded as the user's message ("解决了"/"没解决") so the transcript shows it.
   */
  async faqFeedback(user: Principal, conversationId: string, clientMessageId: string, faqId: string, resolved: boolean): Promise<Message> {
    assertRole(user, ['user']);
    return this.appendText(user, conversationId, clientMessageId, resolved ? '解决了' : '没解决', async (c, now): Promise<FollowUp> => {
      if (c.status !== 'bot') throw new KefuError('BOT_INACTIVE');
      if (c.botLastAnswer !== faqId) throw new KefuError('FAQ_NOT_OFFERED');
      const feedback: BotObservation = { type: 'feedback', faqId, resolved };
      if (resolved) {
        return {
          messages: [{ sender: SYSTEM_SENDER, body: { type: 'system', event: 'resolved', text: '很高兴为您解决问题,本次会话已结束' } }],
          patch: { status: 'resolved', resolution: 'selfService', resolvedAt: now.toISOString(), botLastAnswer: '' },
          ops: [],
          observations: [feedback],
          notifyInbox: false,
        };
      }
      const unresolved = (c.botUnresolved ?? 0) + 1;
      const others = (c.botCandidates ?? []).filter((x) => x.faqId !== faqId);
      if (unresolved >= UNRESOLVED_HANDOFF) {
        const handoff = await this.queueFollowUp(c, now, 'unresolvedTwice', c.botCandidates ?? [], '没解决');
        return { ...handoff, patch: { ...handoff.patch, botUnresolved: unresolved }, observations: [feedback, ...handoff.observations] };
      }
      return {
        messages: [
          {
            sender: BOT_SENDER,
            body: {
              type: 'faqSuggest',
              text: others.length ? '抱歉没能帮到您。您想问的是不是下面这些?也可以换个说法再描述一下,或回复"转人工"' : '抱歉没能帮到您。请换个说法再描述一下,或回复"转人工"',
              items: others.slice(0, 3).map((x) => ({ faqId: x.faqId, question: x.question })),
            },
          },
        ],
        patch: { botUnresolved: unresolved, botCandidates: others, botLastAnswer: '' },
        ops: [],
        observations: [feedback],
        notifyInbox: false,
      };
    });
  }

  /**
   * The user rates a resolved conversation once: stars, tags, comment and whether it is a
   * complaint. The rating joins the transcript (so agents and supervisors see it) and the
   * conversation becomes `rated`.
   */
  async rate(user: Principal, conversationId: string, rating: { stars: number; tags?: string[]; comment?: string; complaint?: boolean }): Promise<Conversation> {
    assertRole(user, ['user']);
    const body = { type: 'rating' as const, stars: rating.stars, tags: rating.tags ?? [], comment: rating.comment ?? '', complaint: rating.complaint ?? false };
    return this.transition(user, conversationId, (c) => {
      if (c.status === 'rated') throw new KefuError('ALREADY_RATED');
      if (c.status !== 'resolved') throw new KefuError('NOT_RESOLVED');
      const { type: _type, ...stored } = body;
      return {
        status: 'rated',
        set: { rating: stored, ratedAt: this.clock().toISOString() },
        notice: { event: 'notice', text: body.complaint ? '已收到您的评价和投诉,我们会在 24 小时内联系您' : '感谢您的评价' },
        ops: [],
        leadMessages: [{ sender: { role: 'user', id: user.id, ...(user.name ? { name: user.name } : {}) }, body }],
      };
    });
  }

  /**
   * The user leaves a message instead of waiting (or outside service hours): it joins the queue as
   * a ticket for the next agent, and the waiting user gets no more automatic replies.
   */
  async leaveMessage(user: Principal, conversationId: string, clientMessageId: string, text: string): Promise<Message> {
    assertRole(user, ['user']);
    return this.appendText(user, conversationId, clientMessageId, text, async (c, now) => {
      const received = { sender: SYSTEM_SENDER, body: { type: 'system' as const, event: 'notice' as const, text: '已收到您的留言,客服会尽快回复您,回复会显示在这里' } };
      if (c.status === 'bot') {
        const q = await this.queueFollowUp(c, now, 'leftMessage', c.botCandidates ?? [], text);
        return { ...q, messages: [received], patch: { ...q.patch, leftMessage: true } };
      }
      if (c.status === 'queued') return { messages: [received], patch: { leftMessage: true }, ops: [], observations: [], notifyInbox: true };
      return undefined;
    });
  }

  /** The agent puts the conversation on hold while looking something up, or takes it back. */
  async hold(staff: Principal, conversationId: string, onHold: boolean): Promise<Conversation> {
    assertRole(staff, ['agent', 'supervisor', 'admin']);
    return this.transition(staff, conversationId, (c) => {
      if (c.status !== 'assigned') throw new KefuError(OPEN.includes(c.status) ? 'NOT_ASSIGNEE' : 'CONVERSATION_CLOSED');
      if (staff.role === 'agent' && c.assigneeId !== staff.id) throw new KefuError('NOT_ASSIGNEE');
      if ((c.onHold ?? false) === onHold) return undefined;
      return {
        status: 'assigned',
        set: { onHold },
        notice: { event: 'notice', text: onHold ? '客服正在为您查询,请稍候' : '客服已回来,继续为您服务' },
        ops: [],
      };
    });
  }

  /**
   * The user tapped a suggested or predicted (猜你想问) question: it is recorded as their message and
   * the bot answers with that entry's card.
   */
  async selectFaq(user: Principal, conversationId: string, clientMessageId: string, faqId: string, source: 'suggest' | 'predicted'): Promise<Message> {
    assertRole(user, ['user']);
    const card = this.bot ? await this.bot.card(user.tenant, faqId) : undefined;
    if (!card) throw new KefuError('FAQ_NOT_FOUND');
    return this.appendText(user, conversationId, clientMessageId, card.question, (c): FollowUp => {
      if (c.status !== 'bot') throw new KefuError('BOT_INACTIVE');
      return {
        messages: [{ sender: BOT_SENDER, body: card }],
        patch: { botLastAnswer: faqId, ...this.opened(c).patch },
        ops: [],
        observations: [...this.opened(c).observations, { type: 'answered', faqId }, ...(source === 'predicted' ? [{ type: 'predictedClick' as const, faqId }] : [])],
        notifyInbox: false,
      };
    });
  }

  /** An agent's reply in a conversation assigned to them. Idempotent like user messages. */
  async reply(agent: Principal, conversationId: string, clientMessageId: string, text: string): Promise<Message> {
    assertRole(agent, ['agent', 'supervisor', 'admin']);
    return this.appendText(agent, conversationId, clientMessageId, text);
  }

  /** The parse result stored with each user message, oldest first (for the agent's ticket panel). */
  async analyses(staff: Principal, conversationId: string): Promise<{ seq: number; analysis: ParseResult }[]> {
    assertRole(staff, ['agent', 'supervisor', 'admin']);
    const { db } = await this.load(staff, conversationId);
    const page = await db.range<ParseResult & Record<string, unknown>>(tables.analysis, [conversationId], { limit: 1000 });
    return page.rows.map((r) => ({ seq: Number(r.key[1]), analysis: analysisFor(staff, r.value) }));
  }

  /** Events after the cursor; waits (long-poll) until one arrives or the timeout passes. */
  async events(principal: Principal, conversationId: string, after: number, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<EventsPage> {
    const { db } = await this.load(principal, conversationId);
    const timeoutMs = Math.min(options.timeoutMs ?? this.longPollTimeoutMs, this.longPollTimeoutMs);
    const read = async () =>
      (await db.range<ConversationEvent>(tables.event, [conversationId], { start: [conversationId, after + 1], limit: 100 })).rows.map((r) => r.value);
    const events = timeoutMs > 0
      ? await waitFor(this.notifier, channels.conversation(principal.tenant, conversationId), read, {
          timeoutMs,
          recheckMs: this.recheckMs,
          ...(options.signal ? { signal: options.signal } : {}),
        })
      : await read();
    const shown = events.filter((e) => e.type !== 'message' || !this.hiddenFrom(principal, e.message));
    return { events: shown.map((e) => (e.type === 'message' ? { ...e, message: this.visibleTo(principal, e.message) } : e)), cursor: events.length ? events[events.length - 1]!.seq : after };
  }

  /** Messages before `before` (newest first in storage, returned oldest first), `limit` per page. */
  async messages(principal: Principal, conversationId: string, options: { before?: number; limit?: number } = {}): Promise<MessagesPage> {
    const { db } = await this.load(principal, conversationId);
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
    const collected: Message[] = [];
    let token: string | undefined;
    let more = false;
    const start = options.before !== undefined ? [conversationId, Math.max(options.before - 1, 0)] : undefined;
    // Status notices share the log with messages, so keep reading pages until `limit` messages.
    read: for (;;) {
      const page = await db.range<ConversationEvent>(tables.event, [conversationId], {
        direction: 'backward',
        limit: limit + 1,
        ...(token ? { token } : start ? { start } : {}),
      });
      for (const row of page.rows) {
        if (row.value.type !== 'message' || this.hiddenFrom(principal, row.value.message)) continue;
        if (collected.length === limit) {
          more = true;
          break read;
        }
        collected.push(this.visibleTo(principal, row.value.message));
      }
      if (!page.nextToken) break;
      token = page.nextToken;
    }
    const oldest = collected[collected.length - 1];
    collected.reverse();
    return more && oldest ? { messages: collected, nextBefore: oldest.seq } : { messages: collected };
  }

  /** The merchant's waiting queue (oldest first) or the agent's own open conversations. */
  async inbox(staff: Principal, box: 'waiting' | 'mine' | 'all', limit = 50): Promise<Conversation[]> {
    assertRole(staff, ['agent', 'supervisor', 'admin']);
    const db = this.store.tenant(staff.tenant);
    if (box === 'all') {
      // Supervisors watch every open conversation, most recently active first.
      const open = (await this.allConversations(staff)).filter((c) => c.status === 'queued' || c.status === 'assigned');
      return open.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, limit);
    }
    const page =
      box === 'waiting'
        ? await db.range<{ conversationId: string }>(tables.waiting, [], { limit })
        : await db.range<{ conversationId: string }>(tables.assigned, [staff.id], { limit });
    const found = await Promise.all(page.rows.map((r) => db.get<Conversation>(tables.conversation, [r.value.conversationId])));
    return found.flatMap((r) => (r ? [conversationFor(staff, r.value)] : []));
  }

  /**
   * An agent takes (accepts) a waiting conversation. Conditional on the version read, so when two
   * agents claim at once exactly one wins and the other gets ALREADY_CLAIMED; an agent at their
   * maximum of concurrent conversations gets AT_CAPACITY. Claiming one's own is a no-op.
   */
  async claim(agent: Principal, conversationId: string): Promise<Conversation> {
    assertRole(agent, ['agent', 'supervisor', 'admin']);
    return this.transition(agent, conversationId, async (c) => {
      if (c.status === 'assigned' && c.assigneeId === agent.id) return undefined;
      if (c.status === 'assigned') throw new KefuError('ALREADY_CLAIMED');
      if (!OPEN.includes(c.status)) throw new KefuError('CONVERSATION_CLOSED');
      const load = this.routing ? await this.routing.presence(agent.tenant, agent.id) : undefined;
      // Agents are held to their capacity; a supervisor taking a case over is an override.
      if (load && agent.role === 'agent' && load.value.active >= load.value.capacity) throw new KefuError('AT_CAPACITY');
      return this.assignChange(c, agent.id, agent.name ?? agent.id, load ? this.routing!.loadOp(load, 1) : undefined);
    });
  }

  /** Ends the conversation; by its assignee, or by a supervisor/admin. The agent's seat frees up. */
  async resolve(staff: Principal, conversationId: string): Promise<Conversation> {
    assertRole(staff, ['agent', 'supervisor', 'admin']);
    let freed: { agentId: string; handledSeconds?: number } | undefined;
    const resolved = await this.transition(staff, conversationId, async (c) => {
      if (!OPEN.includes(c.status)) throw new KefuError('CONVERSATION_CLOSED');
      if (staff.role === 'agent' && c.assigneeId !== staff.id) throw new KefuError('NOT_ASSIGNEE');
      const now = this.clock();
      const load = c.status === 'assigned' && c.assigneeId && this.routing ? await this.routing.presence(staff.tenant, c.assigneeId) : undefined;
      freed = c.status === 'assigned' && c.assigneeId ? { agentId: c.assigneeId, ...(c.assignedAt ? { handledSeconds: (now.getTime() - Date.parse(c.assignedAt)) / 1000 } : {}) } : undefined;
      return {
        status: 'resolved',
        set: { resolvedAt: now.toISOString(), resolution: 'agent' },
        notice: { event: 'resolved', text: '本次会话已结束,感谢您的耐心' },
        ops: [
          ...this.leaveQueueOps(c),
          ...(c.assigneeId ? [{ op: 'delete' as const, table: tables.assigned, key: [c.assigneeId, c.id] }] : []),
          ...(load ? [this.routing!.loadOp(load, -1)] : []),
        ],
      };
    });
    if (freed && this.routing) {
      if (freed.handledSeconds !== undefined) await this.routing.recordHandling(staff.tenant, freed.handledSeconds);
      await this.dispatchFor(staff.tenant, freed.agentId);
    }
    return resolved;
  }

  /**
   * Moves a conversation to another agent (who must be online with a free seat) or back into a
   * group's queue, with a note for whoever takes it. By its assignee, or a supervisor/admin.
   */
  async transfer(staff: Principal, conversationId: string, target: { toAgentId?: string; toGroupId?: string; note?: string }): Promise<Conversation> {
    assertRole(staff, ['agent', 'supervisor', 'admin']);
    const routing = this.requireRouting();
    if (!target.toAgentId === !target.toGroupId) {
      throw new KefuError('VALIDATION_FAILED', '请指定 toAgentId 或 toGroupId 其中之一', { field: 'toAgentId', reason: 'oneOf' });
    }
    if (target.toGroupId) {
      const group = await routing.getGroup(staff.tenant, target.toGroupId);
      return this.requeue(staff, conversationId, (c) => ({
        groupId: group.id,
        layer: 'transfer',
        reason: `转接至${group.name}`,
        vipTier: c.routing?.vipTier ?? 0,
        rank: c.routing?.rank ?? this.clock().getTime(),
        ...(target.note ? { note: target.note } : {}),
      }), `正在为您转接至${group.name},请稍候`);
    }
    const toAgentId = target.toAgentId!;
    const updated = await this.transition(staff, conversationId, async (c) => {
      this.assertCanHandOn(staff, c);
      if (c.assigneeId === toAgentId) return undefined;
      const to = await routing.presence(staff.tenant, toAgentId);
      if (!routing.isAvailable(to.value)) throw new KefuError('AGENT_UNAVAILABLE', `客服 ${to.value.name} 不在线或已满负荷`, { agentId: toAgentId });
      const from = c.status === 'assigned' && c.assigneeId ? await routing.presence(staff.tenant, c.assigneeId) : undefined;
      const change = this.assignChange(c, toAgentId, to.value.name, routing.loadOp(to, 1));
      return {
        ...change,
        set: {
          ...change.set,
          routing: { ...(c.routing ?? { groupId: '', vipTier: 0, rank: 0 }), layer: 'transfer', reason: `由${staff.name ?? staff.id}转接`, ...(target.note ? { note: target.note } : {}) },
        },
        notice: { event: 'assigned', text: `已为您转接至客服${to.value.name}` },
        ops: [
          ...change.ops,
          ...(c.assigneeId ? [{ op: 'delete' as const, table: tables.assigned, key: [c.assigneeId, c.id] }] : []),
          ...(from ? [routing.loadOp(from, -1)] : []),
        ],
      };
    });
    return updated;
  }

  /** Sends a conversation to the expert seats (layer 3) with the agent's reason. */
  async escalate(staff: Principal, conversationId: string, note?: string): Promise<Conversation> {
    assertRole(staff, ['agent', 'supervisor', 'admin']);
    const routing = this.requireRouting();
    return this.requeue(staff, conversationId, async (c) => {
      const info = await routing.decide(staff.tenant, c, [], { escalation: 'agentEscalation', ...(note ? { note } : {}) });
      if (!info) throw new KefuError('GROUP_NOT_FOUND', '没有可升级的专家组');
      return info;
    }, '您的问题已升级至专家坐席,请稍候');
  }

  /** Puts an open conversation back into a queue (transfer to a group, escalation), freeing its agent. */
  private async requeue(staff: Principal, conversationId: string, route: (c: Conversation) => RoutingInfo | Promise<RoutingInfo>, notice: string): Promise<Conversation> {
    const routing = this.requireRouting();
    let groupId = '';
    let freedAgent: string | undefined;
    await this.transition(staff, conversationId, async (c) => {
      this.assertCanHandOn(staff, c);
      const info = await route(c);
      groupId = info.groupId;
      const now = this.clock();
      const from = c.status === 'assigned' && c.assigneeId ? await routing.presence(staff.tenant, c.assigneeId) : undefined;
      freedAgent = from ? c.assigneeId : undefined;
      return {
        status: 'queued',
        set: { queuedAt: now.toISOString(), routing: info, assigneeId: null as unknown as string, assigneeName: null as unknown as string },
        notice: { event: 'queued', text: notice },
        ops: [
          ...this.leaveQueueOps(c),
          ...(c.assigneeId ? [{ op: 'delete' as const, table: tables.assigned, key: [c.assigneeId, c.id] }] : []),
          ...(from ? [routing.loadOp(from, -1)] : []),
          { op: 'put', table: tables.waiting, key: [now.getTime(), c.id], value: { conversationId: c.id } },
          routing.enqueueOp(info, c.id),
        ],
      };
    });
    await this.dispatch(staff.tenant, groupId);
    if (freedAgent) await this.dispatchFor(staff.tenant, freedAgent);
    return (await this.load(staff, conversationId)).conversation;
  }

  /** An agent may pass on only their own conversation; supervisors and admins any open one. */
  private assertCanHandOn(staff: Principal, c: Conversation): void {
    if (!OPEN.includes(c.status)) throw new KefuError('CONVERSATION_CLOSED');
    if (staff.role === 'agent' && !(c.status === 'assigned' && c.assigneeId === staff.id)) throw new KefuError('NOT_ASSIGNEE');
  }

  private requireRouting(): RoutingService {
    if (!this.routing) throw new KefuError('GROUP_NOT_FOUND', '未配置技能组');
    return this.routing;
  }

  /**
   * A bot message nobody asked for (proactive service): into the user's open conversation, or a
   * new one when none is open. Returns the conversation's id.
   */
  async postProactive(tenant: string, userId: string, body: MessageBody): Promise<string> {
    const user: Principal = { tenant, id: userId, role: 'user' };
    const [latest] = await this.listForUser(user, 1);
    const target = latest && OPEN.includes(latest.status) ? latest : await this.create(user);
    return retryOnConflict(async () => {
      const { db, conversation, version } = await this.load(ROUTER(tenant), target.id);
      const now = this.clock();
      const seq = conversation.lastSeq + 1;
      await db.batchWrite([
        this.messageOp(conversation.id, seq, now, BOT_SENDER, body),
        { op: 'update', table: tables.conversation, key: [conversation.id], set: { lastSeq: seq, updatedAt: now.toISOString() }, condition: { version } },
      ]);
      this.notifier.notify(channels.conversation(tenant, conversation.id));
      return conversation.id;
    });
  }

  /**
   * Timer: the user has waited `autoReplySeconds` — tell them their place, the estimated wait and
   * questions they can try meanwhile. Once per wait: a second run (or instance) changes nothing.
   */
  async autoReply(tenant: string, conversationId: string, afterSeconds: number): Promise<boolean> {
    const routing = this.routing;
    let replied = false;
    await this.transition(ROUTER(tenant), conversationId, async (c) => {
      const now = this.clock();
      replied = false;
      if (c.status !== 'queued' || c.autoRepliedAt || c.leftMessage || !c.queuedAt || now.getTime() - Date.parse(c.queuedAt) < afterSeconds * 1000) return undefined;
      const place = routing && c.routing ? await routing.position(tenant, c.routing, c.id) : undefined;
      const items = (c.handoff?.candidates ?? c.botCandidates ?? []).slice(0, 3).map((x) => ({ faqId: x.faqId, question: x.question }));
      const waitText = place ? `您前面还有 ${place.position - 1} 位,预计等待约 ${Math.max(1, Math.round(place.estimatedWaitSeconds / 60))} 分钟。` : '客服正在忙,请稍候。';
      replied = true;
      return {
        status: c.status,
        set: { autoRepliedAt: now.toISOString() },
        notice: { event: 'notice', text: `${waitText}您也可以留言,客服上线后会第一时间回复。` },
        ops: [],
        extraMessages: items.length ? [{ sender: BOT_SENDER, body: { type: 'faqSuggest' as const, text: '等待期间,您可以先看看这些问题:', items } }] : [],
      };
    });
    return replied;
  }

  /**
   * Timer: the assigned agent has not replied within `noReplySeconds` — the conversation goes to
   * the next available agent of its group (or back to the head of its queue), and supervisors are
   * alerted. Conditional on the conversation's version, so it happens once per assignment.
   */
  async reofferUnanswered(tenant: string, conversationId: string, afterSeconds: number): Promise<string | undefined> {
    const routing = this.requireRouting();
    let outcome: string | undefined;
    let dispatchGroup = '';
    await this.transition(ROUTER(tenant), conversationId, async (c) => {
      const now = this.clock();
      outcome = undefined;
      if (c.status !== 'assigned' || c.agentRepliedAt || c.onHold || !c.assignedAt || !c.assigneeId || now.getTime() - Date.parse(c.assignedAt) < afterSeconds * 1000) return undefined;
      const from = await routing.presence(tenant, c.assigneeId);
      const groupId = c.routing?.groupId ?? '';
      const next = (await routing.availableAgents(tenant, groupId)).find((a) => a.presence.agentId !== c.assigneeId);
      const alert: WriteOp = {
        op: 'put',
        table: tables.alert,
        key: [now.getTime(), c.id],
        value: { type: 'noReply', conversationId: c.id, agentId: c.assigneeId, at: now.toISOString(), next: next?.presence.agentId ?? null },
      };
      const release: WriteOp[] = [{ op: 'delete', table: tables.assigned, key: [c.assigneeId, c.id] }, routing.loadOp(from, -1)];
      if (next) {
        outcome = next.presence.agentId;
        const change = this.assignChange(c, next.presence.agentId, next.presence.name, routing.loadOp(next, 1));
        return { ...change, notice: { event: 'assigned', text: `客服${next.presence.name}已接入,正在为您服务` }, ops: [...change.ops, ...release, alert] };
      }
      // Nobody else is free: back to the front of the group's queue (its original place).
      outcome = 'queued';
      dispatchGroup = groupId;
      const info = c.routing;
      return {
        status: 'queued',
        set: { queuedAt: now.toISOString(), assigneeId: null as unknown as string, assigneeName: null as unknown as string },
        notice: { event: 'queued', text: '正在为您转接其他客服,请稍候' },
        ops: [...release, alert, { op: 'put', table: tables.waiting, key: [now.getTime(), c.id], value: { conversationId: c.id } }, ...(info ? [routing.enqueueOp(info, c.id)] : [])],
      };
    });
    if (outcome) this.notifier.notify(channels.alerts(tenant));
    if (dispatchGroup) await this.dispatch(tenant, dispatchGroup);
    return outcome;
  }

  /** Supervisors' alerts (agents who did not reply in time), newest first. */
  async alerts(staff: Principal, limit = 50): Promise<Record<string, unknown>[]> {
    assertRole(staff, ['supervisor', 'admin']);
    return (await this.store.tenant(staff.tenant).range(tables.alert, [], { direction: 'backward', limit })).rows.map((r) => r.value);
  }

  /**
   * Where a waiting conversation stands: 1-based place in its group's queue and an estimated wait.
   * With `known` (the position the client shows), waits until it changes or the timeout passes:
   * every queue change notifies the merchant's inbox channel, which wakes the wait.
   */
  async queueStatus(
    principal: Principal,
    conversationId: string,
    options: { known?: number; timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<{ status: Conversation['status']; groupId?: string; position?: number; estimatedWaitSeconds?: number }> {
    type QueueStatus = { status: Conversation['status']; groupId?: string; position?: number; estimatedWaitSeconds?: number };
    const read = async (): Promise<QueueStatus> => {
      const { conversation: c } = await this.load(principal, conversationId);
      if (c.status !== 'queued' || !c.routing || !this.routing) return { status: c.status };
      return { status: c.status, groupId: c.routing.groupId, ...(await this.routing.position(principal.tenant, c.routing, c.id)) };
    };
    const known = options.known;
    const timeoutMs = Math.min(options.timeoutMs ?? 0, this.longPollTimeoutMs);
    if (known === undefined || timeoutMs <= 0) return read();
    const [changed] = await waitFor(this.notifier, channels.inbox(principal.tenant), async () => {
      const now = await read();
      return now.position === known ? [] : [now];
    }, { timeoutMs, recheckMs: this.recheckMs, ...(options.signal ? { signal: options.signal } : {}) });
    return changed ?? read();
  }

  /**
   * Assigns waiting conversations of a group to its available agents until one runs out: the
   * queue's order (VIP lead included), the agent with the most free capacity (ties: longest idle),
   * a conversation waiting for the agent who served the user before skipped for others until its
   * wait runs out. Each assignment is one batch conditional on the conversation's and the agent's
   * versions, so concurrent dispatchers never assign a conversation twice or overfill an agent.
   */
  async dispatch(tenant: string, groupId: string): Promise<number> {
    if (!this.routing) return 0;
    const routing = this.routing;
    let assigned = 0;
    for (let round = 0; round < 1000; round++) {
      const [head, agents] = await Promise.all([routing.queueHead(tenant, groupId, 20), routing.availableAgents(tenant, groupId)]);
      if (!head.length || !agents.length) break;
      let progressed = false;
      for (const row of head) {
        const outcome = await this.assignFromQueue(tenant, row.value.conversationId, agents);
        if (outcome === 'skipped') continue;
        if (outcome === 'assigned') assigned++;
        progressed = true;
        break;
      }
      if (!progressed) break;
    }
    return assigned;
  }

  /** Dispatches every group the agent serves (when they free up or come online). */
  async dispatchFor(tenant: string, agentId: string): Promise<number> {
    if (!this.routing) return 0;
    let n = 0;
    for (const g of await this.routing.groupsOf(tenant, agentId)) n += await this.dispatch(tenant, g);
    return n;
  }

  private async assignFromQueue(tenant: string, conversationId: string, agents: readonly AvailableAgent[]): Promise<'assigned' | 'skipped' | 'retry'> {
    const db = this.store.tenant(tenant);
    const row = await db.get<Conversation>(tables.conversation, [conversationId]);
    const c = row?.value;
    if (!row || !c || c.status !== 'queued' || !c.routing) {
      // A queue row left behind by a conversation that moved on: drop it.
      if (c?.routing) await db.batchWrite([this.routing!.dequeueOp(c.routing, conversationId)]);
      return 'retry';
    }
    const now = this.clock();
    const preferred = c.routing.preferredAgentId && c.routing.preferUntil && now.getTime() < Date.parse(c.routing.preferUntil) ? c.routing.preferredAgentId : undefined;
    const pick = preferred ? agents.find((a) => a.presence.agentId === preferred) : agents[0];
    if (!pick) return 'skipped';
    const change = this.assignChange(c, pick.presence.agentId, pick.presence.name, this.routing!.loadOp(pick, 1));
    const [seq] = nextSeqs(c, 1);
    const updated: Conversation = { ...c, ...change.set, status: change.status, updatedAt: now.toISOString(), lastSeq: seq! };
    try {
      await db.batchWrite([
        { op: 'put', table: tables.conversation, key: [c.id], value: updated, condition: { version: row.version } },
        ...change.ops,
        this.noticeOp(c.id, seq!, now, change.notice),
      ]);
    } catch (err) {
      if (isConditionFailed(err)) return 'retry';
      throw err;
    }
    this.notifier.notify(channels.conversation(tenant, c.id));
    this.notifier.notify(channels.inbox(tenant));
    return 'assigned';
  }

  /** The change that gives a waiting conversation to an agent: out of the queues, onto their list. */
  private assignChange(c: Conversation, agentId: string, name: string, loadOp: WriteOp | undefined): Change {
    return {
      status: 'assigned',
      set: { assigneeId: agentId, assigneeName: name, assignedAt: this.clock().toISOString(), agentRepliedAt: null as unknown as string },
      notice: { event: 'assigned', text: `客服${name}已接入,正在为您服务` },
      ops: [
        ...this.leaveQueueOps(c),
        { op: 'put', table: tables.assigned, key: [agentId, c.id], value: { conversationId: c.id } },
        ...(loadOp ? [loadOp] : []),
      ],
    };
  }

  /** Removes a queued conversation from the waiting list and its group's queue. */
  private leaveQueueOps(c: Conversation): WriteOp[] {
    if (c.status !== 'queued') return [];
    return [
      ...(c.queuedAt ? [{ op: 'delete' as const, table: tables.waiting, key: [Date.parse(c.queuedAt), c.id] }] : []),
      ...(c.routing && this.routing ? [this.routing.dequeueOp(c.routing, c.id)] : []),
    ];
  }

  // --- internals -------------------------------------------------------------------------------

  /** Who sees personal data in users' messages is decided in personalDataView. */
  private visibleTo(principal: Principal, message: Message): Message {
    return messageFor(principal, message);
  }

  /** Internal notes are for staff: a user's view of the log skips them. */
  private hiddenFrom(principal: Principal, message: Message): boolean {
    return principal.role === 'user' && message.body.type === 'note';
  }

  private async load(principal: Principal, id: string): Promise<{ db: TenantStore; conversation: Conversation; version: number }> {
    const db = this.store.tenant(principal.tenant);
    const row = await db.get<Conversation>(tables.conversation, [id]);
    // Another user's conversation is reported as missing, not forbidden: existence is not leaked.
    if (!row || (principal.role === 'user' && row.value.userId !== principal.id)) {
      throw new KefuError('CONVERSATION_NOT_FOUND');
    }
    return { db, conversation: row.value, version: row.version };
  }

  private async appendText(author: Principal, conversationId: string, clientMessageId: string, text: string, plan?: Planner, media?: Extract<MessageBody, { type: 'voice' | 'image' | 'note' }>): Promise<Message> {
    const fingerprint = createHash('sha256').update(media ? JSON.stringify(media) : text).digest('base64url');
    return retryOnConflict(async () => {
      const { db, conversation, version } = await this.load(author, conversationId);
      const previous = await db.get<{ seq: number; fingerprint: string }>(tables.clientMessage, [conversationId, author.id, clientMessageId]);
      if (previous) return this.replayed(db, conversationId, previous.value, fingerprint);
      if (!OPEN.includes(conversation.status)) throw new KefuError('CONVERSATION_CLOSED');
      // Any of the merchant's staff may leave a note; only the assignee may reply.
      if (author.role !== 'user' && media?.type !== 'note' && !(conversation.status === 'assigned' && conversation.assigneeId === author.id)) {
        throw new KefuError('NOT_ASSIGNEE');
      }
      const now = this.clock();
      const seq = conversation.lastSeq + 1;
      const messageId = randomUUID();
      let patch: Partial<Conversation> = { updatedAt: now.toISOString() };
      const ops: WriteOp[] = [];
      if (author.role === 'user') {
        const label = media?.type === 'voice' ? '[语音]' : media?.type === 'image' ? '[图片]' : '';
        patch.lastMessagePreview = `${label}${mask(text)}`.slice(0, 60);
        // A voice transcript or the text read from a picture is understood like typed text.
        const analysis = text ? this.understand(text, now) : undefined;
        if (analysis) {
          ops.push({ op: 'put', table: tables.analysis, key: [conversationId, seq], value: { ...analysis }, condition: 'notExists' });
          patch.ticket = mergeTicket(conversation.ticket, analysis, { messageId, seq, at: now.toISOString(), ...(media && media.type !== 'note' ? { via: media.type } : {}) });
        }
      }
      // The follow-up (bot, routing) sees the ticket with this message already understood.
      const follow = author.role === 'user' && plan ? await plan({ ...conversation, ...patch }, now) : undefined;
      const seqs = nextSeqs(conversation, 1 + (follow?.messages.length ?? 0));
      const message: Message = {
        id: messageId,
        conversationId,
        seq: seqs[0]!,
        sender: { role: author.role === 'user' ? 'user' : 'agent', id: author.id, ...(author.name ? { name: author.name } : {}) },
        clientMessageId,
        body: media ?? { type: 'text', text },
        createdAt: now.toISOString(),
      };
      ops.push(
        { op: 'put', table: tables.clientMessage, key: [conversationId, author.id, clientMessageId], value: { seq: message.seq, fingerprint }, condition: 'notExists' },
        { op: 'put', table: tables.event, key: [conversationId, message.seq], value: { seq: message.seq, type: 'message', message }, condition: 'notExists' },
      );
      patch.lastSeq = seqs[seqs.length - 1]!;
      if (author.role !== 'user' && media?.type !== 'note' && !conversation.agentRepliedAt) patch.agentRepliedAt = now.toISOString();
      if (follow) {
        follow.messages.forEach((m, i) => ops.push(this.messageOp(conversationId, seqs[i + 1]!, now, m.sender, m.body)));
        ops.push(...follow.ops);
        patch = { ...patch, ...follow.patch };
      }
      ops.push({ op: 'update', table: tables.conversation, key: [conversationId], set: patch, condition: { version } });
      // A lost race (a retry of the same message, or a concurrent state change) is redone on fresh
      // data by retryOnConflict.
      await db.batchWrite(ops);
      this.notifier.notify(channels.conversation(author.tenant, conversationId));
      // Inboxes show the latest message and the queue: every append may change what they show.
      this.notifier.notify(channels.inbox(author.tenant));
      if (follow?.dispatchGroup) await this.dispatch(author.tenant, follow.dispatchGroup);
      if (follow?.observations.length && this.bot) {
        // Statistics must never fail a message that is already stored.
        const bot = this.bot;
        await Promise.allSettled(follow.observations.map((o) => bot.observe(author.tenant, o)));
      }
      return message;
    });
  }

  /**
   * The bot's turn after a user's typed message, while it holds the conversation: answer, suggest
   * or hand off. The bot's decision is made once per message, even when the write is retried.
   */
  private botPlan(tenant: string, text: string): Planner {
    let reply: ReturnType<ConversationBot['reply']> | undefined;
    return async (c, now) => {
      if (c.status !== 'bot') return undefined;
      if (!this.bot) return this.queueFollowUp(c, now, undefined, [], text);
      const decided = await (reply ??= this.bot.reply(tenant, text));
      const opened = this.opened(c);
      if (decided.kind === 'handoff') {
        const q = await this.queueFollowUp(c, now, decided.reason, decided.candidates, text);
        return { ...q, patch: { ...q.patch, ...opened.patch }, observations: [...opened.observations, ...q.observations] };
      }
      const body = decided.kind === 'answer' ? decided.card : decided.suggestion;
      return {
        messages: [{ sender: BOT_SENDER, body }],
        patch: {
          ...opened.patch,
          botCandidates: [...decided.candidates],
          botLastAnswer: decided.kind === 'answer' ? decided.card.faqId : '',
        },
        ops: [],
        observations: [...opened.observations, ...(decided.kind === 'answer' ? [{ type: 'answered' as const, faqId: decided.card.faqId }] : [])],
        notifyInbox: false,
      };
    };
  }

  /** The first time the bot handles a conversation counts it for the self-service rate. */
  private opened(c: Conversation): { patch: Partial<Conversation>; observations: BotObservation[] } {
    return c.botUnresolved === undefined ? { patch: { botUnresolved: 0 }, observations: [{ type: 'opened' }] } : { patch: {}, observations: [] };
  }

  /**
   * Passes the conversation to the human queue, with why and what the bot had considered, routed to
   * a skill group's priority queue when the tenant has groups.
   */
  private async queueFollowUp(c: Conversation, now: Date, reason?: HandoffReason, candidates: readonly BotCandidate[] = [], text = ''): Promise<FollowUp> {
    const routing = this.routing ? await this.routing.decide(c.tenant, c, [...(await this.userTexts(c)), text]) : undefined;
    const hours = this.routing ? (await this.routing.settings(c.tenant)).businessHours : undefined;
    const opening = nextOpening(hours, now);
    const queuedText = opening
      ? `当前为非服务时间,人工客服将于${describeOpening(opening, now)}起为您服务。您可以直接留言,我们上班后第一时间处理。`
      : '正在为您转接人工客服,请稍候';
    return {
      messages: [{ sender: SYSTEM_SENDER, body: { type: 'system', event: 'queued', text: queuedText } }],
      patch: {
        status: 'queued',
        queuedAt: now.toISOString(),
        ...(reason ? { handoff: { reason, at: now.toISOString(), candidates: [...candidates] } } : {}),
        ...(routing ? { routing } : {}),
      },
      ops: [
        { op: 'put', table: tables.waiting, key: [now.getTime(), c.id], value: { conversationId: c.id } },
        ...(routing && this.routing ? [this.routing.enqueueOp(routing, c.id)] : []),
      ],
      observations: reason ? [{ type: 'handoff', reason, text }] : [],
      notifyInbox: true,
      ...(routing ? { dispatchGroup: routing.groupId } : {}),
    };
  }

  /** The user's text messages so far (for escalation words), oldest first. */
  private async userTexts(c: Conversation): Promise<string[]> {
    const page = await this.store.tenant(c.tenant).range<ConversationEvent>(tables.event, [c.id], { limit: 200 });
    return page.rows.flatMap((r) => (r.value.type === 'message' && r.value.message.sender.role === 'user' && r.value.message.body.type === 'text' ? [r.value.message.body.text] : []));
  }

  private async replayed(db: TenantStore, conversationId: string, previous: { seq: number; fingerprint: string }, fingerprint: string): Promise<Message> {
    if (previous.fingerprint !== fingerprint) throw new KefuError('IDEMPOTENCY_CONFLICT');
    const event = await db.get<ConversationEvent>(tables.event, [conversationId, previous.seq]);
    if (event?.value.type !== 'message') throw new KefuError('CONFLICT');
    return event.value.message;
  }

  private noticeOp(conversationId: string, seq: number, now: Date, body: Omit<Extract<MessageBody, { type: 'system' }>, 'type'>): WriteOp {
    return this.messageOp(conversationId, seq, now, SYSTEM_SENDER, { type: 'system', ...body });
  }

  private messageOp(conversationId: string, seq: number, now: Date, sender: Message['sender'], body: MessageBody): WriteOp {
    const message: Message = { id: randomUUID(), conversationId, seq, sender, body, createdAt: now.toISOString() };
    return { op: 'put', table: tables.event, key: [conversationId, seq], value: { seq, type: 'message', message }, condition: 'notExists' };
  }

  /**
   * Applies a state change decided by `decide` from the current conversation, conditional on its
   * version, retrying on concurrent changes (the decision is re-made on fresh data each time).
   */
  private async transition(actor: Principal, conversationId: string, decide: (c: Conversation) => Change | undefined | Promise<Change | undefined>): Promise<Conversation> {
    return retryOnConflict(async () => {
      const { db, conversation, version } = await this.load(actor, conversationId);
      const change = await decide(conversation);
      if (!change) return conversation;
      const now = this.clock();
      const lead = change.leadMessages ?? [];
      const seqs = nextSeqs(conversation, lead.length + 1 + (change.extraMessages?.length ?? 0));
      const seq = seqs[lead.length];
      const updated: Conversation = { ...conversation, ...change.set, status: change.status, updatedAt: now.toISOString(), lastSeq: seqs[seqs.length - 1]! };
      // A field set to null in a change is removed (the conversation is no longer assigned, say).
      for (const [k, v] of Object.entries(updated)) if (v === null) delete (updated as Record<string, unknown>)[k];
      const ops: WriteOp[] = [
        { op: 'put', table: tables.conversation, key: [conversationId], value: updated, condition: { version } },
        ...change.ops,
        ...lead.map((m, i) => this.messageOp(conversationId, seqs[i]!, now, m.sender, m.body)),
        this.noticeOp(conversationId, seq!, now, change.notice),
        ...(change.extraMessages ?? []).map((m, i) => this.messageOp(conversationId, seqs[lead.length + i + 1]!, now, m.sender, m.body)),
      ];
      await db.batchWrite(ops);
      this.notifier.notify(channels.conversation(actor.tenant, conversationId));
      this.notifier.notify(channels.inbox(actor.tenant));
      return updated;
    });
  }
}

/**
 * Sequence numbers come from the conversation row itself and every append is conditional on that
 * row's version, so appends are serialised: events commit in seq order with no gaps, and a
 * long-poll cursor can never skip an event that commits late.
 */
function nextSeqs(conversation: Conversation, count: number): number[] {
  return Array.from({ length: count }, (_, i) => conversation.lastSeq + 1 + i);
}

function assertRole(principal: Principal, roles: readonly Principal['role'][]): void {
  if (!roles.includes(principal.role)) throw new KefuError('FORBIDDEN');
}
