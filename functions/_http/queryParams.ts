import type { Context } from 'hono';
import { KefuError } from '../../shared/errors';

/**
 * An optional non-negative integer query parameter within [min, max]; VALIDATION_FAILED naming the
 * parameter for anything else ("abc", "-1", "1.5", out of range).
 */
export function intQuery(c: Context, name: string, range: { min: number; max: number }): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw new KefuError('VALIDATION_FAILED', `参数 ${name} 必须是非负整数`, { field: name, reason: 'type' });
  const value = Number(raw);
  if (value < range.min || value > range.max) {
    throw new KefuError('VALIDATION_FAILED', `参数 ${name} 超出范围 ${range.min}-${range.max}`, { field: name, reason: 'range' });
  }
  return value;
}
