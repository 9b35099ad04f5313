import { asTyped, type DocumentedParams } from './DocumentedParams';

/** What the user chose in the subscription panel. */
export interface SubscribeChoice {
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
}

/** my.requestSubscribeMessage.md: "一次性最多传入三个模板 id". */
export const SUBSCRIBE_TEMPLATE_LIMIT = 3;

/**
 * Asks the user to subscribe to the merchant's message templates through `my.requestSubscribeMessage`
 * (mini/api/开放能力API/消息/my.requestSubscribeMessage.md). `success` carries behavior 'subscribe'
 * (also when the user declined) and `result.subscribedEntityIds`/`unsubscribedEntityIds`; the older
 * per-id keys ('accept'/'reject') are read when `result` is missing. A cancel, a panel already open
 * (15), an old client without the API or any other failure resolves undefined: the chat carries on
 * without notifications.
 */
export function requestSubscribeMessage(templateIds: readonly string[]): Promise<SubscribeChoice | undefined> {
  const ids = templateIds.slice(0, SUBSCRIBE_TEMPLATE_LIMIT);
  return new Promise((resolve) => {
    if (ids.length === 0 || typeof my.requestSubscribeMessage !== 'function') {
      resolve(undefined);
      return;
    }
    const params: DocumentedParams<typeof my.requestSubscribeMessage, 'appId' | 'aboveContent' | 'sceneCode' | 'relatedOwnerId' | 'extInfo'> = {
      entityIds: [...ids],
      success: (res) => {
        if (res.behavior !== 'subscribe') {
          resolve(undefined);
          return;
        }
        const r = res.result as { subscribedEntityIds?: string[]; unsubscribedEntityIds?: string[] } | undefined;
        const accepted = r?.subscribedEntityIds ?? ids.filter((id) => res[id] === 'accept');
        const rejected = r?.unsubscribedEntityIds ?? ids.filter((id) => res[id] === 'reject');
        resolve({ accepted: accepted.filter((id) => ids.includes(id)), rejected: rejected.filter((id) => ids.includes(id)) });
      },
      fail: () => resolve(undefined),
    };
    void my.requestSubscribeMessage(asTyped<typeof my.requestSubscribeMessage>(params));
  });
}
