import type { EntryConfig } from './merchantSchema';

/**
 * The service button before a merchant styles it. A module of its own, free of the schema library,
 * so the mini-program bundles it without TypeBox.
 */
export const defaultEntryConfig: EntryConfig = {
  placement: 'bottom-right',
  offsetX: 32,
  offsetY: 160,
  icon: '',
  color: '#1677ff',
  label: '客服',
  showBadge: true,
};
