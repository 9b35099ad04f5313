import type { Principal } from '../auth';
import type { Conversation, ConversationEvent, FlowContext, MessageBody } from '../schemas';
import type { BotCandidate, BotObservation, BotReply, ConversationBot, HandoffReason } from './ConversationBot';
import type { ConversationLog, ConversationPatch, NewEvent } from './ConversationLog';
import type { FollowUp, Planner } from './appendMessage';
import type { HandoffPlan, HandoffRouter } from './ports';
import { botSays, notice, systemActor } from './senders';
import { allowed, isOpen } from './lifecycle';
import { newConversation } from './newConversation';
import { tables } from './conversationTables';
import { intentReplies } from './intentReplies';
import { detectServiceIntent, followUpOwnWords, handsOff, isFollowUp, type ServiceIntent, type Understanding } from '../nlp';
import type { FlowPlan } from '../flows';

type QueuedCause = Extract<ConversationEvent, { type: 'queued' }>['cause'];
/** One message's routing plan, made once across the re-decisions of its commit. */
export interface RouteOnce {
  plan?: Promise<HandoffPlan>;
}
/** Characters of its own (beyond 那, 要, 多久, 吗 ...) from which a follow-up names its own topic. */
const OWN_TOPIC_CHARS = 3;

export interface BotTurnOptions {
  readonly log: ConversationLog;
  /** The first responder (the FAQ bot). Without one, every user message goes to the human queue. */
  readonly bot?: ConversationBot;
  /** Where a hand-off goes. Without it, handed-off conversations wait in one list for any agent. */
  readonly handoff?: HandoffRouter;
  /** Self-service with the user's own data, asked before the FAQ (see shared/flows). */
  readonly flows?: FlowPlanner;
}

/** The self-service flows as the bot's turn sees them (implemented by shared/flows). */
export interface FlowPlanner {
  plan(c: Conversation, text: string, now: Date, understood?: Understanding): Promise<FlowPlan | undefined>;
}

/**
 * The bot's side of a conversation while it holds it: answer from the FAQ, suggest, or hand the
 * conversation to the human queue (with why, what it considered, and where routing sends it).
 */
export class BotTurn {
  constructor(private readonly o: BotTurnOptions) {}

  get bot(): ConversationBot | undefined {
    return this.o.bot;
  }

  /**
   * The bot's turn after a user's typed message. The bot decides once per message, even when a
   * lost race makes the commit decide again.
   */
  plan(tenant: string, text: string): Planner {
    let reply: Promise<{ decided: BotReply; question: string }> | undefined;
    let flowPlan: Promise<FlowPlan | undefined> | undefined;
    const route: RouteOnce = {};
    return async (c, now, understood) => {
      if (c.status === 'queued') return this.whileQueued(c, now, text, route);
      if (c.status !== 'bot') return undefined;
      // Intents come before the FAQ: a greeting is no question to hand off, a complaint or a
      // stolen account no question for a card.
      const intent = detectServiceIntent(text);
      if (intent) return this.byIntent(tenant, c, now, intent, text, route);
      // The user's own transaction answers better than any entry: flows come next.
      const flow = await (flowPlan ??= this.o.flows?.plan(c, text, now, understood) ?? Promise.resolve(undefined));
      if (flow) return this.byFlow(c, now, flow, text, route);
      // A question the flow asked and the user did not answer is dropped with this message.
      // An answer from the FAQ replaces the status card as the bot's latest answer.
      const leaveFlow: ConversationPatch = { ...(c.botFlow ? { botFlow: null } : {}), ...(c.botLastFlow ? { botLastFlow: null } : {}) };
      if (!this.o.bot) return this.handoff(c, now, { cause: 'handoff', text }, undefined, route);
      const { decided, question } = await (reply ??= this.reply(this.o.bot, tenant, text, c));
      const opened = this.opened(c);
      if (decided.kind === 'handoff') {
        const q = await this.handoff(c, now, { cause: 'handoff', reason: decided.reason, candidates: decided.candidates, text }, undefined, route);
        return { ...q, set: { ...q.set, ...opened.set, ...(c.botFlow ? { botFlow: null } : {}) }, observations: [...opened.observations, ...(q.observations ?? [])] };
      }
      const body = decided.kind === 'answer' ? decided.card : decided.suggestion;
      return {
        events: [botSays(body)],
        set: { ...opened.set, ...leaveFlow, botCandidates: [...decided.candidates], botLastAnswer: decided.kind === 'answer' ? decided.card.faqId : '', botLastQuestion: question.slice(0, 2000) },
        observations: [...opened.observations, ...(decided.kind === 'answer' ? [{ type: 'answered' as const, faqId: decided.card.faqId }] : [])],
      };
    };
  }

  /**
   * The FAQ's reply to a typed question. 那要多久 after 余额宝怎么转出 asks about that transfer: a
   * short follow-up is read with the question before it. The pair's reading wins unless it only
   * finds the previous answer again, or answers nothing, while the message, saying enough of its
   * own, is answered alone with another entry (能开发票吗 after a refund question is about invoices;
   * 咋改绑手机号 after one is about the phone, where the pair only made the bot unsure). Scores of
   * the two readings are not compared: the pair holds the previous question word for word.
   */
  private async reply(bot: ConversationBot, tenant: string, text: string, c: Conversation): Promise<{ decided: BotReply; question: string }> {
    const previous = c.botLastQuestion;
    if (previous === undefined || !isFollowUp(text)) return { decided: await bot.reply(tenant, text), question: text };
    const question = `${previous} ${text}`;
    const [alone, together] = await Promise.all([bot.reply(tenant, text), bot.reply(tenant, question)]);
    const last = c.botLastAnswer || undefined;
    const repeats = together.kind === 'answer' && together.card.faqId === last;
    const ownTopic = alone.kind === 'answer' && alone.card.faqId !== last && followUpOwnWords(text) >= OWN_TOPIC_CHARS;
    return ownTopic && (repeats || together.kind !== 'answer') ? { decided: alone, question: text } : { decided: together, question };
  }

  /** A flow's answer: the status card, its one question, or a human with what it found. */
  private async byFlow(c: Conversation, now: Date, flow: FlowPlan, text: string, route: RouteOnce): Promise<FollowUp> {
    const opened = this.opened(c);
    if (flow.kind === 'handoff') {
      const q = await this.handoff(c, now, { cause: 'handoff', reason: 'flowUnsettled', text, flow: flow.context }, undefined, route);
      const said = flow.say ? [botSays({ type: 'text', text: flow.say })] : [];
      return { ...q, events: [...said, ...q.events], set: { ...q.set, ...opened.set, botFlow: null }, observations: [...opened.observations, ...(q.observations ?? [])] };
    }
    if (flow.kind === 'ask') return { events: [botSays(flow.body)], set: { ...opened.set, botFlow: flow.state }, observations: opened.observations };
    return {
      events: [botSays(flow.body)],
      set: { ...opened.set, botFlow: null, botLastFlow: flow.context, botLastQuestion: text.slice(0, 2000) },
      observations: [...opened.observations, { type: 'flowAnswered', flow: flow.body.flow }],
    };
  }

  private async byIntent(tenant: string, c: Conversation, now: Date, intent: ServiceIntent, text: string, route: RouteOnce): Promise<FollowUp> {
    const opened = this.opened(c);
    // An intent (谢谢, 转人工) ends any question a flow was waiting on.
    const leaveFlow: ConversationPatch = c.botFlow ? { botFlow: null } : {};
    const withOpened = (f: FollowUp): FollowUp => ({ ...f, set: { ...f.set, ...opened.set, ...leaveFlow }, observations: [...opened.observations, ...(f.observations ?? [])] });
    if (handsOff(intent)) {
      // Small talk is a question the bot cannot answer: handed off as one (the gaps page shows it).
      const reason = intent === 'human' ? 'explicitRequest' : intent === 'offTopic' ? 'lowConfidence' : intent;
      const q = await this.handoff(c, now, { cause: 'handoff', reason, candidates: c.botCandidates ?? [], text }, undefined, route);
      // A complaint is acknowledged and a stolen account told what to do before anyone answers.
      return withOpened(intent === 'complaint' || intent === 'accountTheft' ? { ...q, events: [botSays({ type: 'text', text: intentReplies[intent] }), ...(q.events ?? [])] } : q);
    }
    if (intent === 'greeting') {
      const suggestion = await this.o.bot?.greeting?.(tenant);
      const body: MessageBody = suggestion?.items.length ? { ...suggestion, text: intentReplies.greeting } : { type: 'text', text: intentReplies.greeting.replace(/您可能想问:$/, '') };
      return withOpened({ events: [botSays(body)], set: {} });
    }
    return withOpened({ events: [botSays({ type: 'text', text: intentReplies[intent] })], set: {} });
  }

  /**
   * A stolen account or a complaint told while waiting for a person: the same guidance as before
   * the hand-off, and the conversation moves to where routing now sends it (the expert seats),
   * keeping the time it has waited. Anything else waits as it is.
   */
  private async whileQueued(c: Conversation, now: Date, text: string, route: RouteOnce): Promise<FollowUp | undefined> {
    const intent = detectServiceIntent(text);
    if (intent !== 'accountTheft' && intent !== 'complaint') return undefined;
    const guidance = botSays({ type: 'text', text: intentReplies[intent] });
    const router = this.o.handoff;
    const planned = router ? await (route.plan ??= this.userTexts(c).then((texts) => router.plan(c, [...texts, text], now))) : undefined;
    const next = planned?.routing;
    if (!next || !c.routing || (next.groupId === c.routing.groupId && next.escalation === c.routing.escalation)) return { events: [guidance], set: {} };
    const routing = { ...next, rank: Math.min(next.rank, c.routing.rank) };
    return { events: [guidance, { type: 'queued', status: 'queued', cause: 'escalate', routing }], set: { routing } };
  }

  /** The first time the bot handles a conversation counts it for the self-service rate. */
  opened(c: Conversation): { set: ConversationPatch; observations: BotObservation[] } {
    return c.botUnresolved === undefined ? { set: { botUnresolved: 0 }, observations: [{ type: 'opened' }] } : { set: {}, observations: [] };
  }

  /**
   * Passes the conversation to the human queue, with why and what the bot had considered, routed
   * to a skill group when the merchant has groups; outside service hours the notice says when.
   * With `route`, a decision re-made after a lost race reuses the routing it planned (its reads:
   * the user's texts, the merchant's settings, the history) instead of reading them again.
   */
  async handoff(c: Conversation, now: Date, why: { cause: QueuedCause; reason?: HandoffReason; candidates?: readonly BotCandidate[]; text: string; flow?: FlowContext }, replaceNotice?: NewEvent, route: RouteOnce = {}): Promise<FollowUp> {
    // After a status card the agent gets what it showed: 转人工 "with the transaction attached".
    const flow = why.flow ?? c.botLastFlow;
    const router = this.o.handoff;
    const planned = router ? (route.plan ??= this.userTexts(c).then((texts) => router.plan(c, [...texts, why.text], now))) : undefined;
    const { routing, notice: text, place } = planned ? await planned : { notice: '正在为您转接人工客服,请稍候' };
    return {
      events: [
        replaceNotice ?? notice('queued', text),
        { type: 'queued', status: 'queued', cause: why.cause, ...(routing ? { routing } : {}), ...(place ?? {}) },
      ],
      set: {
        status: 'queued',
        queuedAt: now.toISOString(),
        ...(why.reason ? { handoff: { reason: why.reason, at: now.toISOString(), candidates: [...(why.candidates ?? [])], ...(flow ? { flow } : {}) } } : {}),
        ...(routing ? { routing } : {}),
      },
      observations: why.reason ? [{ type: 'handoff', reason: why.reason, text: why.text }] : [],
    };
  }

  /**
   * A bot message nobody asked for (proactive service): into the user's open conversation, or a
   * new one when none is open. Returns the conversation's id.
   */
  async postProactive(tenant: string, userId: string, body: MessageBody): Promise<string> {
    const user: Principal = { tenant, id: userId, role: 'user' };
    const db = this.o.log.db(tenant);
    const [latest] = (await db.range<{ conversationId: string }>(tables.userConversation, [userId], { direction: 'backward', limit: 1 })).rows;
    const current = latest ? (await db.get<Conversation>(tables.conversation, [latest.value.conversationId]))?.value : undefined;
    const openNew = (u: Principal) => this.o.log.open(u, newConversation(u, 'miniprogram', this.o.log.now()));
    const target = current && isOpen(current.status) ? current : await openNew(user);
    const result = await this.o.log.commit(systemActor(tenant), target.id, (c) => (allowed('proactive', c.status) ? { events: [botSays(body)] } : undefined));
    // Closed between the read and the write: the message goes to a new conversation.
    if (result.unchanged) return (await this.o.log.commit(systemActor(tenant), (await openNew(user)).id, () => ({ events: [botSays(body)] }))).conversation.id;
    return result.conversation.id;
  }

  /** The user's text messages so far (for escalation words), oldest first. */
  private async userTexts(c: Conversation): Promise<string[]> {
    const page = await this.o.log.db(c.tenant).range<ConversationEvent>(tables.event, [c.id], { limit: 200 });
    return page.rows.flatMap((r) => (r.value.type === 'message' && r.value.message.sender.role === 'user' && r.value.message.body.type === 'text' ? [r.value.message.body.text] : []));
  }
}
