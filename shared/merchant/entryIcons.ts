/**
 * The icons kf-entry draws itself (its own markup and CSS: nothing to download, nothing to
 * whitelist), by the name the entry settings store in `icon`. An empty `icon` (rows saved before
 * the choice existed) is the headset. Free of the schema library, so the mini-program bundles it.
 */
export const builtInEntryIcons = ['headset', 'chat', 'question', 'phone'] as const;
export type BuiltInEntryIcon = (typeof builtInEntryIcons)[number];

export function isBuiltInEntryIcon(value: unknown): value is BuiltInEntryIcon {
  return typeof value === 'string' && (builtInEntryIcons as readonly string[]).indexOf(value) >= 0;
}

/** What `icon` may hold: empty, a built-in name, or an https image (an uploaded icon's URL included). */
export const entryIconPattern = `^(${builtInEntryIcons.join('|')}|https://.*)?$`;

/** An uploaded icon: small, since the button is 48 rpx and every launch loads it. */
export const MAX_ENTRY_ICON_BYTES = 50 * 1024;
/** Wider or taller than this and it is refused: a button icon needs no more. */
export const MAX_ENTRY_ICON_SIDE = 512;
