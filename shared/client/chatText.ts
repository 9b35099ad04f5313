/**
 * Every text the chat window shows that does not come from the server, zh-CN first and English
 * second, so the mini-program and the H5 page say the same thing.
 */
import { DEGRADED_TEXT } from './ApiClient';

export type ChatLocale = 'zh-CN' | 'en';

const zh = {
  degraded: DEGRADED_TEXT,
  backup: '网络波动,已切换备用线路',
  offline: '网络已断开,恢复后自动发送',
  sending: '发送中',
  notSent: '未发送,点击重试',
  sendFailed: '发送失败,点击重试',
  tooLong: (max: number, len: number) => `消息过长,请控制在 ${max} 字以内(当前 ${len} 字)`,
  empty: '请输入内容',
  askHuman: '转人工',
  queue: (ahead: number, minutes: number) => `您前面还有 ${ahead} 位,预计等待约 ${minutes} 分钟`,
  agentJoined: (name: string) => `客服 ${name} 为您服务`,
  predicted: '猜你想问',
  proactiveOff: '不再提醒',
  proactiveOffDone: '已关闭主动提醒,可随时联系客服',
  resolvedYes: '解决了',
  resolvedNo: '没解决',
  rateTitle: '请为本次服务评价',
  ratePickStars: '请先选择星级',
  rateComplaint: '投诉',
  rateCommentPlaceholder: '说说您的感受(选填)',
  rateSubmit: '提交评价',
  rateThanks: '感谢您的评价',
  rateTags: ['回复及时', '态度好', '问题已解决', '专业'] as readonly string[],
  loadOlder: '查看更早的消息',
  noOlder: '没有更早的消息了',
  imageTooLarge: (mb: number) => `图片不能超过 ${mb} MB`,
  imageWrongType: '仅支持 PNG、JPEG、WebP 图片',
  voiceTooShort: '说话时间太短',
  voiceTooLong: (s: number) => `最长录音 ${s} 秒,已自动发送`,
  voiceHold: '按住 说话',
  voiceRelease: '松开 发送',
  voiceCancel: '松开手指,取消发送',
  voiceDenied: '请在设置中允许使用麦克风',
  inputPlaceholder: '请描述您的问题',
  send: '发送',
};

export type ChatTexts = typeof zh;

const en: ChatTexts = {
  degraded: 'Service is busy, please try again later',
  backup: 'Network unstable, switched to the backup line',
  offline: 'Offline; messages will be sent when the network returns',
  sending: 'Sending',
  notSent: 'Not sent, tap to retry',
  sendFailed: 'Failed, tap to retry',
  tooLong: (max, len) => `Too long: at most ${max} characters (now ${len})`,
  empty: 'Please type a message',
  askHuman: 'Talk to a human',
  queue: (ahead, minutes) => `${ahead} ahead of you, about ${minutes} min`,
  agentJoined: (name) => `${name} is serving you`,
  predicted: 'You may want to ask',
  proactiveOff: 'Stop these reminders',
  proactiveOffDone: 'Reminders are off; you can still contact us any time',
  resolvedYes: 'Solved',
  resolvedNo: 'Not solved',
  rateTitle: 'Please rate this service',
  ratePickStars: 'Please choose stars first',
  rateComplaint: 'Complaint',
  rateCommentPlaceholder: 'Tell us more (optional)',
  rateSubmit: 'Submit',
  rateThanks: 'Thank you for your rating',
  rateTags: ['Quick reply', 'Friendly', 'Problem solved', 'Professional'],
  loadOlder: 'Load earlier messages',
  noOlder: 'No earlier messages',
  imageTooLarge: (mb) => `Images must be under ${mb} MB`,
  imageWrongType: 'Only PNG, JPEG and WebP images',
  voiceTooShort: 'Too short',
  voiceTooLong: (s) => `Recordings stop at ${s} s and are sent`,
  voiceHold: 'Hold to talk',
  voiceRelease: 'Release to send',
  voiceCancel: 'Release to cancel',
  voiceDenied: 'Please allow the microphone in settings',
  inputPlaceholder: 'Describe your question',
  send: 'Send',
};

export function chatTexts(locale: ChatLocale = 'zh-CN'): ChatTexts {
  return locale === 'en' ? en : zh;
}
