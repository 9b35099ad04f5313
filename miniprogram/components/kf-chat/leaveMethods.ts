import type { KfChatThis, Methods } from './kfChatThis';

type LeaveMethods = Pick<Methods, 'handleTogglePanel' | 'handleLeaveOpen' | 'handleLeaveClose' | 'handleLeaveContact' | 'handleLeavePhone' | 'handleLeaveText' | 'handleLeaveSubmit'>;

/** The "+" panel and the 留言 sheet: how to be answered (here, or a call back) and the question. */
export const leaveMethods: LeaveMethods & ThisType<KfChatThis> = {
  handleTogglePanel() {
    this.setData({ panelOpen: !this.data.panelOpen && this.data.hasPanel });
  },

  handleLeaveOpen() {
    this.setData({ leaveOpen: true, panelOpen: false });
  },

  handleLeaveClose() {
    this.setData({ leaveOpen: false });
  },

  handleLeaveContact(e) {
    this.setData({ leaveContact: e.currentTarget.dataset['contact'] === 'phone' ? 'phone' : 'chat' });
  },

  handleLeavePhone(e) {
    this.setData({ leavePhone: e.detail.value });
  },

  handleLeaveText(e) {
    this.setData({ leaveText: e.detail.value });
  },

  async handleLeaveSubmit() {
    if (!this.session) return;
    const contact = this.data.leaveContact;
    const ok = await this.session.leaveMessage({ text: this.data.leaveText, contact, ...(contact === 'phone' ? { phone: this.data.leavePhone.trim() } : {}) });
    if (ok) this.setData({ leaveOpen: false, leaveText: '', leavePhone: '', leaveContact: 'chat' });
  },
};
