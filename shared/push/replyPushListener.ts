import type { ConversationListener } from '../conversation';
import type { ReplyNotifier } from './ReplyNotifier';

/**
 * After an agent's reply is stored: a user who left the chat gets an Alipay message. Runs apart
 * from the reply, so the push never delays or fails it; a failure is only logged.
 */
export function replyPushListener(notifier: ReplyNotifier, onError: (err: unknown) => void): ConversationListener {
  return ({ tenant, after, events }) => {
    const replied = events.some((e) => e.type === 'message' && e.message.sender.role === 'agent' && e.message.body.type === 'text');
    if (!replied) return;
    void (async () => {
      if (await notifier.agentReplied(tenant, after.userId, after.id)) await notifier.deliver(tenant);
    })().catch(onError);
  };
}
