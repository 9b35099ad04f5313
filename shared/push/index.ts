// Alipay subscription notices of agent replies.
export { ReplyNotifier } from './ReplyNotifier';
export { writeNotifySettings } from './notifySettings';
export { replyPushListener } from './replyPushListener';
