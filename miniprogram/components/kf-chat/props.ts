import type { ChatLocale } from '../../../shared/client';
import { defaultApiOrigin, defaultBackupOrigin, defaultTenant } from '../../kefuDefaults';

/** Props of `<kf-chat>`, the chat window. It logs in and opens the conversation when first shown. */
export interface KfChatProps {
  /** Merchant id. Default `demo`. */
  readonly tenant: string;
  /** Backend origin. Default: the origin the package was built for. */
  readonly apiOrigin: string;
  /** Backup origin used when the primary keeps failing; empty for none. Default: the build's. */
  readonly backupOrigin: string;
  /** Shown or hidden by the host (the entry button opens it). Default false. */
  readonly visible: boolean;
  /** Title bar text. Default 在线客服. */
  readonly title: string;
  /** `zh-CN` (default) or `en`. */
  readonly locale: ChatLocale;
  /**
   * The user id for the local dev login, used only when the backend offers it (local development).
   * In Alipay the user comes from `my.getAuthCode`. Default empty (no dev login).
   */
  readonly devUserId: string;
  readonly className: string;
  /** The close button was tapped. */
  readonly onClose?: () => void;
  /** Replies that arrived while hidden, for the entry button's badge (0 once shown). */
  readonly onUnread?: (count: number) => void;
  /** A FAQ guide button with a web link was tapped (pages of the mini-program open by themselves). */
  readonly onOpenUrl?: (url: string) => void;
}

export const kfChatDefaultProps: KfChatProps = {
  tenant: defaultTenant,
  apiOrigin: defaultApiOrigin,
  backupOrigin: defaultBackupOrigin,
  visible: false,
  title: '在线客服',
  locale: 'zh-CN',
  devUserId: '',
  className: '',
};
