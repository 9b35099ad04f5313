import type { EntryConfig } from '../../../shared/schemas';
import { defaultApiOrigin, defaultTenant } from '../../kefuDefaults';

/**
 * Props of `<kf-entry>`, the floating service button. The style fields override what the merchant
 * set in the console (fetched from `/v1/entry-config`); leave them unset to follow the console.
 */
export interface KfEntryProps {
  /** Merchant id. Default `demo`. */
  readonly tenant: string;
  /** Backend origin. Default: the origin the package was built for. */
  readonly apiOrigin: string;
  /** Corner: `top-left`, `top-right`, `bottom-left`, `bottom-right`. Default: the console's (bottom-right). */
  readonly placement?: EntryConfig['placement'];
  /** Distance from the corner's side edge, rpx. Default: the console's (32). */
  readonly offsetX?: number;
  /** Distance from the corner's top or bottom edge, rpx. Default: the console's (160). */
  readonly offsetY?: number;
  /** A built-in icon (`headset`, `chat`, `question`, `phone`) or an https image URL. Default: the console's (headset). */
  readonly icon?: string;
  /** Background colour, `#rrggbb`. Default: the console's (#1677ff). */
  readonly color?: string;
  /** Text under the icon, up to 8 characters; empty hides it. Default: the console's (客服). */
  readonly label?: string;
  /** Unread agent replies shown on the badge; 0 hides it. Default 0. */
  readonly unread: number;
  /** Extra class on the button, for the host's own styles. */
  readonly className: string;
  /** Called on tap; the host opens `<kf-chat>`. */
  readonly onTap?: () => void;
}

export const kfEntryDefaultProps: KfEntryProps = {
  tenant: defaultTenant,
  apiOrigin: defaultApiOrigin,
  unread: 0,
  className: '',
};
