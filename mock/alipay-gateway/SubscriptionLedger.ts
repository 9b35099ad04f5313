/**
 * What Alipay knows about an app's subscription messages (订阅消息), for the gateway stand-in: the
 * templates the merchant chose on the merchant platform (商家平台 > 消息 > 消息接入), each one-time
 * (一次性) or long-term (长期), and what each user accepted through my.requestSubscribeMessage.
 * The rules are the API page's
 * (../shared/platform-docs/alipay-open-docs/mini/api/开放能力API/消息/my.requestSubscribeMessage.md):
 * at most 3 ids per call (errorCode 203), no unknown ids (106008), one-time and long-term never
 * mixed (106002); a one-time acceptance allows one message and acceptances accumulate; a long-term
 * acceptance allows messages until the user switches it off.
 */
export type TemplateKind = 'once' | 'long';

export interface TemplateDefinition {
  readonly kind: TemplateKind;
  /** How many keywords (keyword1 ... keywordN) a message of this template must carry. */
  readonly keywords: number;
}

/** my.requestSubscribeMessage's answer (success: behavior 'subscribe'; failure: errorCode). */
export type SubscribeOutcome =
  | { readonly behavior: 'subscribe'; readonly result: { subscribedEntityIds: string[]; unsubscribedEntityIds: string[]; currentSubscribedEntityIds: string[] }; readonly [templateId: string]: unknown }
  | { readonly behavior: ''; readonly errorCode: number; readonly errorMessage: string };

/** Why a send would be refused, or undefined when it may go out (and was counted). */
export type SendRefusal = 'template' | 'notSubscribed' | 'usedUp';

export class SubscriptionLedger {
  private readonly templates = new Map<string, TemplateDefinition>();
  /** `${userId} ${templateId}` -> remaining one-time sends, or 'long'. */
  private readonly accepted = new Map<string, number | 'long'>();

  defineTemplate(id: string, kind: TemplateKind, keywords = 2): void {
    this.templates.set(id, { kind, keywords });
  }

  template(id: string): TemplateDefinition | undefined {
    return this.templates.get(id);
  }

  /** The user taps 允许 for `accept` and leaves the other ids unticked, as in the subscription panel. */
  subscribe(userId: string, entityIds: readonly string[], accept: readonly string[] = entityIds): SubscribeOutcome {
    if (entityIds.length < 1 || entityIds.length > 3) return { behavior: '', errorCode: 203, errorMessage: '无效的参数' };
    const defs = entityIds.map((id) => this.templates.get(id));
    if (defs.some((d) => !d)) return { behavior: '', errorCode: 106008, errorMessage: '模板列表中存在非法/无效的模板 id' };
    if (new Set(defs.map((d) => d?.kind)).size > 1) return { behavior: '', errorCode: 106002, errorMessage: '模板列表中同时存在一次性/长期订阅模板' };
    const current: string[] = [];
    const decisions: Record<string, 'accept' | 'reject'> = {};
    for (const id of entityIds) {
      const key = `${userId} ${id}`;
      const yes = accept.includes(id);
      decisions[id] = yes ? 'accept' : 'reject';
      if (this.templates.get(id)?.kind === 'long') {
        if (yes && this.accepted.get(key) !== 'long') current.push(id);
        if (yes) this.accepted.set(key, 'long');
        else this.accepted.delete(key);
      } else if (yes) {
        const n = this.accepted.get(key);
        this.accepted.set(key, (typeof n === 'number' ? n : 0) + 1);
        current.push(id);
      }
    }
    const subscribed = entityIds.filter((id) => this.remaining(userId, id) > 0);
    return { behavior: 'subscribe', result: { subscribedEntityIds: subscribed, unsubscribedEntityIds: entityIds.filter((id) => !subscribed.includes(id)), currentSubscribedEntityIds: current }, ...decisions };
  }

  /** Remaining one-time sends, Infinity for an accepted long-term template, 0 otherwise. */
  remaining(userId: string, templateId: string): number {
    const v = this.accepted.get(`${userId} ${templateId}`);
    return v === 'long' ? Infinity : (v ?? 0);
  }

  /** A send to the user: allowed (one one-time acceptance used) or the reason it is refused. */
  take(userId: string, templateId: string): SendRefusal | undefined {
    if (!this.templates.has(templateId)) return 'template';
    const key = `${userId} ${templateId}`;
    const v = this.accepted.get(key);
    if (v === undefined) return 'notSubscribed';
    if (v === 'long') return undefined;
    if (v < 1) return 'usedUp';
    this.accepted.set(key, v - 1);
    return undefined;
  }
}
