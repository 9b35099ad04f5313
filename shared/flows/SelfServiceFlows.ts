import type { CustomerData, CustomerTransaction, TradeAwareCustomerData } from '../customer';
import type { ChoicesBody, Conversation, FlowClues, FlowContext, FlowId, FlowState, StatusCardBody } from '../schemas';
import { fromLocal, localParts, type Understanding } from '../nlp';
import { billCard, choiceLabel, shortTime, transactionCard, yuan } from './flowAnswers';
import { flowsAskedFor, flowById, type FlowDefinition } from './flowCatalog';
import { amountFits, byName, byReason, cluesOf, hasClues, matchTransactions, withClues } from './matchTransactions';
import { flowText } from './flowText';

/** What the bot does with a message a flow took. */
export type FlowPlan =
  | { readonly kind: 'card'; readonly body: StatusCardBody; readonly context: FlowContext }
  | { readonly kind: 'ask'; readonly body: ChoicesBody | { readonly type: 'text'; readonly text: string }; readonly state: FlowState }
  /** `say`: told the user before the hand-off (an unknown trade number, say). */
  | { readonly kind: 'handoff'; readonly context: FlowContext; readonly say?: string };

/** Which flows a merchant has switched off, and its own titles for the cards. */
export interface FlowSettings {
  readonly disabled?: readonly FlowId[];
  readonly titles?: Partial<Record<FlowId, string>>;
}

export interface SelfServiceFlowsOptions {
  readonly customers: CustomerData;
  /** Looks up at Alipay a trade number the merchant's record does not hold (shared/customer/withAlipayTrades). */
  readonly trades?: Pick<TradeAwareCustomerData, 'lookupTradeForFlow'>;
  readonly settings?: (tenant: string) => Promise<FlowSettings>;
  /** A flow's failure to read the merchant's systems is reported here; the FAQ answers instead. */
  readonly onError?: (err: unknown, tenant: string) => void;
}

/** How far back a flow looks for the user's transactions. */
const LOOK_BACK_MS = 30 * 86_400_000;
/** A question the flow asked is still the context of the user's next message this long. */
const PENDING_MS = 30 * 60_000;
const MAX_CHOICES = 4;
/** 刚才, 刚刚, 刚付的: the user means one of the last two hours (no time for the extractor: no figure is named). */
const JUST_NOW = /刚才|刚刚|才刚|刚(?=[付买转退充下交扣还])/;
const JUST_NOW_MS = 2 * 3_600_000;
/** The answer to "which one" that none of those offered is it: a human, with what was found. */
const NONE_OF_THESE = /都不是|不是这|都不对|没有我(要|说)的|哪个都不/;
/** The user says they have waited for theirs already (好几天了, 等了三天, 这么久, 一直没): it is no question in general. */
const WAITED = /(好|几|多|[\d一二两三四五六七八九十半]+)(个)?(天|周|星期|礼拜|月|小时|钟头)了|等了|这么久|好久|很久|一直(没|不|都)|迟迟/;
/** What the human is told was searched: none at all is not "none that fits". */
const searched = (n: number): string => (n ? `近 30 天 ${n} 笔记录,均与用户所说不符` : '近 30 天没有这类记录');
/** The user cannot give the detail asked for. */
const DONT_KNOW = /不记得|记不(清|得)|忘了|不知道|不清楚|想不起/;

/**
 * Self-service with the user's own data (issue 22): a message that asks about a payment, refund,
 * transfer, order, bill or repayment is answered with that transaction's status, read from the
 * customer-data port for the conversation's own user only. Several candidates: one question with
 * buttons; none that fits what the user said: one question for the missing detail, then a human
 * with what was found. Nothing here changes anything in the merchant's systems: the next steps
 * are links, and 转人工.
 */
export class SelfServiceFlows {
  constructor(private readonly o: SelfServiceFlowsOptions) {}

  /** The flow's answer to the message, or undefined when no flow takes it (the FAQ's turn). */
  async plan(c: Conversation, text: string, now: Date, understood?: Understanding): Promise<FlowPlan | undefined> {
    const pending = c.botFlow && now.getTime() - Date.parse(c.botFlow.at) < PENDING_MS ? c.botFlow : undefined;
    const said = cluesOf(understood?.entities ?? [], text);
    const waiting = pending ? flowById.get(pending.flow) : undefined;
    // A new question of another kind starts afresh; an answer to ours continues our flow. An
    // answer names an amount or a time (a button's label does): by its words alone it is no new question.
    const asked = flowsAskedFor(text, waiting ? undefined : said);
    // 350那笔 right after a card about another transfer: the user means another one of that kind.
    const shown = !pending && !asked.length && c.botLastFlow?.transaction && hasClues(said) ? flowById.get(c.botLastFlow.flow) : undefined;
    const wanted = asked.length && !asked.some((d) => d.id === pending?.flow) ? asked : waiting ? [waiting] : shown ? [shown] : asked;
    // Most messages ask for no flow: the merchant's switches are read only for those that do.
    if (!wanted.length) return undefined;
    // The merchant's switches unreadable (a store error): every flow on, as by default.
    const settings: FlowSettings = (await this.o.settings?.(c.tenant).catch((err: unknown) => void this.o.onError?.(err, c.tenant))) ?? {};
    const defs = wanted.filter((d) => !settings.disabled?.includes(d.id));
    if (!defs.length) return undefined;
    // A bill may be of a month that began more than 30 days ago.
    const named = defs.some((d) => d.id === 'billPeriod') ? said.time?.start : undefined;
    const since = new Date(Math.min(now.getTime() - LOOK_BACK_MS, named ?? Infinity));
    let transactions: readonly CustomerTransaction[];
    try {
      transactions = (await this.o.customers.record(c.tenant, c.userId, since)).transactions;
    } catch (err) {
      this.o.onError?.(err, c.tenant);
      return undefined;
    }
    // 退回来了 may be a refund or a returned transfer: the first flow with something to look at.
    if (shown) return this.another(shown, settings.titles?.[shown.id] ?? shown.title, transactions.filter(shown.about!), c.botLastFlow!.transaction!.id, said, text);
    for (const def of defs) {
      const plan = await this.planFlow(c, def, settings.titles?.[def.id] ?? def.title, transactions, pending?.flow === def.id ? pending : undefined, said, text, now);
      if (plan) return plan;
    }
    return undefined;
  }

  private async planFlow(c: Conversation, def: FlowDefinition, title: string, transactions: readonly CustomerTransaction[], continuing: FlowState | undefined, said: FlowClues, text: string, now: Date): Promise<FlowPlan | undefined> {
    if (def.id === 'billPeriod') return this.bill(said, transactions, now, title);
    const about = transactions.filter(def.about!);
    // In the order they were offered: 第二笔 is the second button.
    if (continuing?.step === 'clarify') return this.chosen(def, title, continuing.candidates.flatMap((id) => about.filter((t) => t.id === id)), text, said);
    // An answer to our question names a detail (or asks the same again); anything else (怎么修改
    // 登录密码, 算了) is a new question: the FAQ's, and the flow is dropped.
    if (continuing && !hasClues(said) && !flowsAskedFor(text, said).some((d) => d.id === def.id)) {
      // 不记得了: the detail will not come; a human looks with what was found.
      return DONT_KNOW.test(text) ? { kind: 'handoff', context: { flow: def.id, steps: [`识别为:${title}`, searched(about.length), '用户无法补充信息'] } } : undefined;
    }
    const clues = continuing ? withClues(continuing.clues, said) : said;
    // A trade number the merchant's record does not hold: Alipay knows the user's own trades.
    if (clues.orderNo && (def.id === 'paymentFailed' || def.id === 'refundProgress') && this.o.trades && !matchTransactions(about, clues, text).length) {
      const found = await this.o.trades.lookupTradeForFlow(c.tenant, c.userId, clues.orderNo, def.id);
      if (found.kind === 'found') return this.card(def, title, found.transaction, found.steps);
      return { kind: 'handoff', say: found.text, context: { flow: def.id, steps: [`识别为:${title}`, ...found.steps].slice(0, 10) } };
    }
    // Nothing of that kind to look at: the FAQ's general answer helps more than a question, unless
    // the user says they have waited for theirs (都好几天了): a general answer does not help them;
    // the detail asked for may find it (a trade number at Alipay), else a human looks.
    if (!about.length && !continuing && !WAITED.test(flowText(text))) return undefined;
    const fits = matchTransactions(about, clues, text);
    if (fits.length === 1) return this.card(def, title, fits[0]!, continuing ? ['补充信息后查到'] : []);
    if (fits.length > 1) {
      // 还没发货 means the unshipped one, 转账失败 the failed one.
      const words = flowText(text);
      const hinted = (def.hints ?? []).filter(([hint]) => hint.test(words)).flatMap(([, is]) => fits.filter(is));
      if (hinted.length === 1) return this.card(def, title, hinted[0]!, []);
      // 提示余额不足: the one that failed for that reason.
      const quoted = byReason(fits, text, def.topic);
      if (quoted.length === 1) return this.card(def, title, quoted[0]!, []);
      const recent = JUST_NOW.test(words) ? fits.filter((t) => now.getTime() - Date.parse(t.at) <= JUST_NOW_MS) : [];
      if (recent.length === 1) return this.card(def, title, recent[0]!, []);
      const likely = def.likely && !def.anyOf?.test(words) ? fits.filter(def.likely) : [];
      if (!hasClues(clues) && likely.length === 1) return this.card(def, title, likely[0]!, []);
      return this.ask(def, [...likely, ...fits.filter((t) => !likely.includes(t))].slice(0, MAX_CHOICES), now);
    }
    if (continuing) return { kind: 'handoff', context: { flow: def.id, steps: [`识别为:${title}`, searched(about.length), '已请用户补充一次,仍未查到'] } };
    return { kind: 'ask', body: { type: 'text', text: def.missing }, state: { flow: def.id, step: 'missing', candidates: [], clues, at: now.toISOString() } };
  }

  private card(def: FlowDefinition, title: string, t: CustomerTransaction, steps: readonly string[]): FlowPlan {
    const body = transactionCard(def.id, t, title);
    return { kind: 'card', body, context: { flow: def.id, transaction: body.transaction!, steps: [`识别为:${title}`, ...steps, `查到:${yuan(t.amountFen)} ${shortTime(t.at)} ${t.counterparty}(${body.transaction!.status})`, '已告知状态和下一步'] } };
  }

  private ask(def: FlowDefinition, candidates: readonly CustomerTransaction[], now: Date): FlowPlan {
    return {
      kind: 'ask',
      body: { type: 'choices', text: def.which, items: candidates.map((t, i) => ({ label: choiceLabel(t, i), text: choiceLabel(t, i) })) },
      state: { flow: def.id, step: 'clarify', candidates: candidates.map((t) => t.id), at: now.toISOString() },
    };
  }

  /** The user's answer to "which one": the button's text, a counterparty, an amount, or 第二笔. */
  private chosen(def: FlowDefinition, title: string, offered: readonly CustomerTransaction[], text: string, said: FlowClues): FlowPlan | undefined {
    const answer = text.trim();
    const byLabel = offered.filter((t, i) => choiceLabel(t, i) === answer);
    // The name in part (话费那个 for 话费充值) or by its sound, as in the question.
    const named = byName(offered, flowText(answer));
    const numbers = (answer.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
    const byAmount = offered.filter((t) => numbers.some((n) => amountFits({ min: n, max: n }, t.amountFen)));
    // 第二笔, 2个, or a button's number alone (2).
    const ordinal = (/第?([一二三四1234])(笔|个|项|条)/.exec(answer) ?? /^第?([1-4一二三四])[.。、]?$/.exec(answer))?.[1];
    const byOrdinal = ordinal ? offered.slice('一二三四1234'.indexOf(ordinal) % 4, ('一二三四1234'.indexOf(ordinal) % 4) + 1) : [];
    // 昨天那笔, 一千多的, 花呗: what the question's matching reads, among those offered.
    const byClues = hasClues(said) ? matchTransactions(offered, said, answer) : [];
    const pick = [byLabel, named, byAmount, byOrdinal, byClues, this.byPlace(offered, flowText(answer))].find((list) => list.length === 1)?.[0];
    if (pick) return this.card(def, title, pick, ['用户从几笔中选择了这一笔']);
    // Not an answer to our question (我等了3天了, 怎么改密码): the conversation moves on without the flow.
    if (!said.amount && !ordinal && !hasClues(said) && !NONE_OF_THESE.test(answer) && !DONT_KNOW.test(answer)) return undefined;
    return { kind: 'handoff', context: { flow: def.id, steps: [`识别为:${title}`, `有 ${offered.length} 笔可能的记录,用户的回答无法确定是哪一笔`] } };
  }

  /** 最新的那笔, 早的那个, 上面那个, 下面那个: by time, or by place among the buttons. */
  private byPlace(offered: readonly CustomerTransaction[], answer: string): CustomerTransaction[] {
    const byTime = [...offered].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    if (/最新|最近的|最近那|刚才|刚刚|今天的/.test(answer)) return byTime.slice(0, 1);
    if (/最早|早的那|早些|之前那|以前那|老的那/.test(answer)) return byTime.slice(-1);
    if (/上面|上边|前面那|头一/.test(answer)) return offered.slice(0, 1);
    if (/下面|下边|后面那|最后那|最后一/.test(answer)) return offered.slice(-1);
    return [];
  }

  /**
   * A detail right after a card (350那笔, 是给王**的那笔) that fits exactly one other transaction of
   * the card's kind: the user means that one. Anything else is not about the card: the FAQ's.
   */
  private another(def: FlowDefinition, title: string, about: readonly CustomerTransaction[], shownId: string, said: FlowClues, text: string): FlowPlan | undefined {
    const fits = matchTransactions(about, said, text);
    return fits.length === 1 && fits[0]!.id !== shownId ? this.card(def, title, fits[0]!, ['用户指明了另一笔']) : undefined;
  }

  /** The bill of the period the user named (上个月, 11月), else of this month so far. */
  private bill(said: FlowClues, transactions: readonly CustomerTransaction[], now: Date, title: string): FlowPlan {
    const named = said.time;
    const p = localParts(now);
    const start = named?.start ?? fromLocal(p.year, p.month, 1).getTime();
    const end = named?.end ?? now.getTime();
    const paid = transactions.filter((t) => t.status === 'success' && (t.type === 'payment' || t.type === 'transfer' || t.type === 'order') && Date.parse(t.at) >= start && Date.parse(t.at) <= end);
    const period = `${shortTime(new Date(start).toISOString()).split(' ')[0]} - ${shortTime(new Date(Math.min(end, now.getTime())).toISOString()).split(' ')[0]}`;
    const body = billCard(period, paid, title);
    return { kind: 'card', body, context: { flow: 'billPeriod', steps: [`识别为:${title}`, `${period} 共 ${paid.length} 笔`] } };
  }
}
