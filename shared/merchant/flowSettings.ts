import { Type, type Static } from '@sinclair/typebox';
import { FlowId } from '../schemas/flowSchema';
import { KefuError } from '../errors';

/** A card's title as the merchant words it: short enough for a phone's card header. */
export const FLOW_TITLE_MAX = 20;

/**
 * The merchant's self-service flows (`GET|PUT /v1/merchant/flows`): the flows switched off (their
 * questions go to the FAQ as before) and the merchant's own card titles; a flow without a title
 * here keeps the catalogue's (shared/flows/flowCatalog.ts).
 */
export const FlowSettingsRequest = Type.Object(
  {
    disabled: Type.Array(FlowId, { maxItems: 6 }),
    titles: Type.Partial(Type.Record(FlowId, Type.String({ minLength: 1, maxLength: FLOW_TITLE_MAX })), { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type FlowSettingsRequest = Static<typeof FlowSettingsRequest>;

export const defaultFlowSettings: FlowSettingsRequest = { disabled: [], titles: {} };

/**
 * The save-time tidy-up: each flow switched off once, titles trimmed. A title that is only blanks
 * or holds control characters (a line break would split the card's header) is refused.
 */
export function checkFlowSettings(settings: FlowSettingsRequest): FlowSettingsRequest {
  const titles: Partial<Record<FlowId, string>> = {};
  for (const [id, raw] of Object.entries(settings.titles) as [FlowId, string][]) {
    const title = raw.trim();
    if (!title) throw new KefuError('VALIDATION_FAILED', '标题不能为空', { field: `titles.${id}`, reason: 'blank' });
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    if (/[\u0000-\u001f\u007f]/.test(title)) throw new KefuError('VALIDATION_FAILED', '标题不能含换行或控制字符', { field: `titles.${id}`, reason: 'characters' });
    titles[id] = title;
  }
  return { disabled: [...new Set(settings.disabled)], titles };
}
