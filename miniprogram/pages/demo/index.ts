import { defaultTenant } from '../../kefuDefaults';

/**
 * The markup a merchant writes, shown as text. It lives in data because a template would read
 * `{{unread}}` as a binding and print `&lt;` as it is.
 */
const snippets = ['<kf-entry tenant="your-merchant" unread="{{unread}}" onTap="openChat" />', '<kf-chat tenant="your-merchant" visible="{{chatVisible}}" onClose="closeChat" onUnread="setUnread" />'];

/**
 * How a merchant embeds Kefu: the entry button opens the chat, the chat reports unread replies
 * back to the button's badge. A reply notice opens this page with `conversation=<id>` in its query
 * (the page set in 回复通知), and the chat opens at once to show the reply. `devUserId` only matters
 * against the local dev server; in Alipay the user is identified by my.getAuthCode.
 */
Page({
  data: { tenant: defaultTenant, devUserId: 'u001', chatVisible: false, unread: 0, snippets },
  onLoad(query: Record<string, string | undefined>) {
    if (query['conversation']) this.setData({ chatVisible: true });
  },
  openChat() {
    this.setData({ chatVisible: true, unread: 0 });
  },
  closeChat() {
    this.setData({ chatVisible: false });
  },
  setUnread(count: number) {
    this.setData({ unread: count });
  },
});
