import { defaultTenant } from '../../kefuDefaults';

/**
 * How a merchant embeds Kefu: the entry button opens the chat, the chat reports unread replies
 * back to the button's badge. `devUserId` only matters against the local dev server; in Alipay the
 * user is identified by my.getAuthCode.
 */
Page({
  data: { tenant: defaultTenant, devUserId: 'u001', chatVisible: false, unread: 0 },
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
