import type { EntryConfig } from '../../../shared/schemas';
import { defaultEntryConfig } from '../../../shared/schemas/defaultEntryConfig';
import { isBuiltInEntryIcon } from '../../../shared/merchant/entryIcons';
import type { KfEntryProps } from './props';

/**
 * What kf-entry's template shows, computed here (no SJS): every field is ready to print. A type
 * alias, not an interface, so it fits setData's record parameter.
 */
export type EntryView = {
  readonly placementClass: string;
  /** CSS variables; the stylesheet falls back to the defaults when one is missing. */
  readonly style: string;
  /** An https image to show instead of a drawn icon; empty when a built-in one is drawn. */
  readonly icon: string;
  /** The drawn icon's class (`kf-entry__headset`, `kf-entry__chat`, ...); empty when `icon` is an image. */
  readonly iconClass: string;
  readonly label: string;
  readonly badge: string;
};

const placements: readonly EntryConfig['placement'][] = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];

/**
 * Props first, then the merchant's style, then the defaults; each value checked, because it ends up
 * in a style attribute and an image src.
 */
export function entryView(props: KfEntryProps, remote: Partial<EntryConfig> | undefined): EntryView {
  const pick = <K extends keyof EntryConfig>(key: K, valid: (v: unknown) => boolean): EntryConfig[K] => {
    for (const v of [props[key as keyof KfEntryProps], remote?.[key]]) if (v !== undefined && valid(v)) return v as EntryConfig[K];
    return defaultEntryConfig[key];
  };
  const offset = (max: number) => (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
  const placement = pick('placement', (v) => placements.includes(v as EntryConfig['placement']));
  const color = pick('color', (v) => typeof v === 'string' && /^#[0-9a-fA-F]{6}$/.test(v));
  const offsetX = pick('offsetX', offset(750));
  const offsetY = pick('offsetY', offset(2000));
  const icon = pick('icon', (v) => typeof v === 'string' && (v === '' || isBuiltInEntryIcon(v) || /^https:\/\/[^"'()\s]+$/.test(v)));
  const image = /^https:/.test(icon);
  const label = pick('label', (v) => typeof v === 'string' && v.length <= 8);
  const showBadge = remote?.showBadge ?? defaultEntryConfig.showBadge;
  const unread = Number.isInteger(props.unread) && props.unread > 0 ? props.unread : 0;
  return {
    placementClass: `kf-entry--${placement}`,
    style: `--kf-entry-color:${color};--kf-entry-x:${offsetX}rpx;--kf-entry-y:${offsetY}rpx;`,
    icon: image ? icon : '',
    iconClass: image ? '' : `kf-entry__${icon || 'headset'}`,
    label,
    badge: showBadge && unread ? (unread > 99 ? '99+' : String(unread)) : '',
  };
}
