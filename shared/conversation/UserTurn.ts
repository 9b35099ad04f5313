import { conversationFor } from './personalDataView';
import { KefuError } from '../errors';
import type { Principal } from '../auth';
import type { Conversation, Message, MessageBody } from '../schemas';
import type { BotObservation } from './ConversationBot';
import type { ConversationLog } from './ConversationLog';
import { appendMessage, type Appended, type FollowUp, type Understand } from './appendMessage';
import type { BotTurn, RouteOnce } from './BotTurn';
import { allowed } from './lifecycle';
import { newConversation } from './newConversation';
import { assertRole, botSays, notice, senderOf } from './senders';
import { screenQuestion } from '../nlp';

/** 没解决 this many times and the bot hands the conversation to a human. */
const UNRESOLVED_HANDOFF = 2;

export interface UserTurnOptions {
  readonly log: ConversationLog;
  readonly bot: BotTurn;
  /**
   * The understanding step run on every user message (`understand` of shared/nlp in production). It
   * returns undefined for a text it rejects: such a message is still delivered, just without
   * understanding, so nothing the user sent is lost.
   */
  readonly understand?: Understand;
}

type Rating = { stars: number; tags?: string[]; comment?: string; complaint?: boolean };

/** The user's actions: open a conversation, write, answer the bot's cards, leave a message, rate. */
export class UserTurn {
  private readonly log: ConversationLog;
  private readonly bot: BotTurn;
  private readonly understand: Understand;

  constructor(o: UserTurnOptions) {
    this.log = o.log;
    this.bot = o.bot;
    this.understand = o.understand ?? (() => undefined);
  }

  async create(user: Principal, channel: Conversation['channel'] = 'miniprogram'): Promise<Conversation> {
    assertRole(user, ['user']);
    return conversationFor(user, await this.log.open(user, newConversation(user, channel, this.log.now())));
  }

  /**
   * A typed message: understood, then answered by the bot or routed while the bot holds the
   * conversation. With `intent: 'human'` (the 转人工 button) it goes to the human queue whatever
   * the text says, so the button works in any language.
   */
  async sendText(user: Principal, conversationId: string, clientMessageId: string, text: string, intent?: 'human'): Promise<Appended> {
    assertRole(user, ['user']);
    const route: RouteOnce = {};
    const plan: AppendPlan = intent === 'human' ? (c, now) => (c.status === 'bot' ? this.bot.handoff(c, now, { cause: 'handoff', reason: 'explicitRequest', candidates: c.botCandidates ?? [], text }, undefined, route) : undefined) : this.bot.plan(user.tenant, text);
    return this.append(user, conversationId, clientMessageId, { type: 'text', text }, text, 'userMessage', plan);
  }

  /**
   * A voice message or picture the user uploaded. While the bot holds the conversation it says it
   * cannot read media yet and points to text or 转人工; an agent sees the media as sent.
   */
  async sendMedia(user: Principal, conversationId: string, clientMessageId: string, body: Extract<MessageBody, { type: 'voice' | 'image' }>): Promise<Appended> {
    assertRole(user, ['user']);
    // A transcribed voice message is a question like a typed one: understanding, FAQ, routing.
    if (body.type === 'voice' && body.transcribed && body.text) {
      return this.append(user, conversationId, clientMessageId, body, body.text, 'userMessage', this.bot.plan(user.tenant, body.text));
    }
    // So is a screenshot of an error screen (余额不足, 交易存在风险, 暂不支持): its words take the same road.
    const asked = body.type === 'image' && body.text ? screenQuestion(body.text) : undefined;
    if (asked) return this.append(user, conversationId, clientMessageId, body, body.text ?? '', 'userMessage', this.bot.plan(user.tenant, asked));
    const found = body.type === 'image' && body.text ? this.understand(body.text, this.log.now()) : undefined;
    const read = found?.entities.filter((e) => e.type === 'orderNo' || e.type === 'amount' || e.type === 'time').map((e) => e.text) ?? [];
    const reply = read.length
      ? `已收到您的图片,识别到:${read.join('、')}。请再用文字描述一下遇到的问题,或回复"转人工"`
      : body.type === 'voice'
        ? '已收到您的语音,但没能听清。请用文字描述问题,或回复"转人工"'
        : '已收到您的图片。机器人暂时看不懂这张图片,请用文字描述问题,或回复"转人工"';
    // The text read from a picture fills the ticket (order number, amount, time).
    return this.append(user, conversationId, clientMessageId, body, body.type === 'image' ? (body.text ?? '') : '', 'userMessage', (c): FollowUp | undefined =>
      c.status !== 'bot' ? undefined : { events: [botSays({ type: 'system', event: 'notice', text: reply })], set: {} },
    );
  }

  /**
   * The user tapped 解决了 or 没解决 under the bot's latest answer. 解决了 ends the conversation as
   * self-service; 没解决 offers the other candidates, and the second 没解决 hands off to a human.
   */
  async faqFeedback(user: Principal, conversationId: string, clientMessageId: string, faqId: string, resolved: boolean): Promise<Message> {
    assertRole(user, ['user']);
    const text = resolved ? '解决了' : '没解决';
    const sent = await appendMessage(this.log, this.understand, {
      author: user,
      conversationId,
      clientMessageId,
      action: 'faqFeedback',
      body: { type: 'text', text },
      understood: text,
      plan: async (c, now): Promise<FollowUp> => {
        if (c.botLastAnswer !== faqId) throw new KefuError('FAQ_NOT_OFFERED');
        const feedback: BotObservation = { type: 'feedback', faqId, resolved };
        if (resolved) {
          return {
            events: [notice('resolved', '很高兴为您解决问题,本次会话已结束'), { type: 'resolved', status: 'resolved', resolution: 'selfService' }],
            set: { status: 'resolved', resolution: 'selfService', resolvedAt: now.toISOString(), botLastAnswer: '' },
            observations: [feedback],
          };
        }
        const unresolved = (c.botUnresolved ?? 0) + 1;
        const others = (c.botCandidates ?? []).filter((x) => x.faqId !== faqId);
        if (unresolved >= UNRESOLVED_HANDOFF) {
          const q = await this.bot.handoff(c, now, { cause: 'handoff', reason: 'unresolvedTwice', candidates: c.botCandidates ?? [], text });
          return { ...q, set: { ...q.set, botUnresolved: unresolved }, observations: [feedback, ...(q.observations ?? [])] };
        }
        return {
          events: [
            botSays({
              type: 'faqSuggest',
              text: others.length ? '抱歉没能帮到您。您想问的是不是下面这些?也可以换个说法再描述一下,或回复"转人工"' : '抱歉没能帮到您。请换个说法再描述一下,或回复"转人工"',
              items: others.slice(0, 3).map((x) => ({ faqId: x.faqId, question: x.question })),
            }),
          ],
          set: { botUnresolved: unresolved, botCandidates: others, botLastAnswer: '' },
          observations: [feedback],
        };
      },
    });
    return sent.message;
  }

  /** The user tapped a suggested or predicted (猜你想问) question: recorded as their message, answered with that card. */
  async selectFaq(user: Principal, conversationId: string, clientMessageId: string, faqId: string, source: 'suggest' | 'predicted'): Promise<Message> {
    assertRole(user, ['user']);
    const card = this.bot.bot ? await this.bot.bot.card(user.tenant, faqId) : undefined;
    if (!card) throw new KefuError('FAQ_NOT_FOUND');
    const sent = await appendMessage(this.log, this.understand, {
      author: user,
      conversationId,
      clientMessageId,
      action: 'faqSelect',
      body: { type: 'text', text: card.question },
      understood: card.question,
      plan: (c): FollowUp => {
        const opened = this.bot.opened(c);
        return {
          events: [botSays(card)],
          set: { botLastAnswer: faqId, ...opened.set },
          observations: [...opened.observations, { type: 'answered', faqId }, ...(source === 'predicted' ? [{ type: 'predictedClick' as const, faqId }] : [])],
        };
      },
    });
    return sent.message;
  }

  /**
   * The user leaves a message instead of waiting (or outside service hours): it joins the queue as
   * a ticket for the next agent, and the waiting user gets no more automatic replies. Returns the
   * stored message; `replayed` when a retry brought one stored before.
   */
  async leaveMessage(user: Principal, conversationId: string, clientMessageId: string, text: string, contact: 'chat' | 'phone' = 'chat'): Promise<{ message: Message; replayed: boolean }> {
    assertRole(user, ['user']);
    // A user who asked for a call is told to expect one, not a reply in the chat.
    const received = notice('notice', contact === 'phone' ? '已收到您的留言,客服会尽快拨打您留下的电话' : '已收到您的留言,客服会尽快回复您,回复会显示在这里');
    const sent = await this.append(user, conversationId, clientMessageId, { type: 'text', text }, text, 'leaveMessage', async (c, now) => {
      if (c.status === 'bot') {
        const q = await this.bot.handoff(c, now, { cause: 'leftMessage', reason: 'leftMessage', candidates: c.botCandidates ?? [], text }, received);
        return { ...q, set: { ...q.set, leftMessage: true } };
      }
      if (c.status === 'queued') return { events: [received], set: { leftMessage: true } };
      return undefined;
    });
    return { message: sent.message, replayed: sent.replayed === true };
  }

  /**
   * The user rates a resolved conversation once: stars, tags, comment and whether it is a
   * complaint. The rating joins the transcript and the conversation becomes `rated`.
   */
  async rate(user: Principal, conversationId: string, rating: Rating): Promise<Conversation> {
    assertRole(user, ['user']);
    const body = { type: 'rating' as const, stars: rating.stars, tags: rating.tags ?? [], comment: rating.comment ?? '', complaint: rating.complaint ?? false };
    const { type: _type, ...stored } = body;
    const result = await this.log.commit(user, conversationId, (c, now) => {
      allowed('rate', c.status);
      return {
        set: { status: 'rated', rating: stored, ratedAt: now.toISOString() },
        events: [
          { type: 'message', message: { sender: senderOf(user), body } },
          notice('notice', body.complaint ? '已收到您的评价和投诉,我们会在 24 小时内联系您' : '感谢您的评价'),
          { type: 'rated', status: 'rated', stars: body.stars, complaint: body.complaint },
        ],
      };
    });
    return conversationFor(user, result.conversation);
  }

  private append(user: Principal, conversationId: string, clientMessageId: string, body: Extract<MessageBody, { type: 'text' | 'voice' | 'image' }>, understood: string, action: 'userMessage' | 'leaveMessage', plan: AppendPlan): Promise<Appended> {
    return appendMessage(this.log, this.understand, { author: user, conversationId, clientMessageId, action, body, understood, plan });
  }
}

type AppendPlan = NonNullable<Parameters<typeof appendMessage>[2]['plan']>;
