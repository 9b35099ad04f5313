import { KefuError } from '../errors';
import type { Principal } from '../auth';
import type { Message, MessageBody } from '../schemas';
import type { NewEvent } from './ConversationLog';

export const BOT_SENDER: Message['sender'] = { role: 'bot', id: 'faq-bot', name: '智能助手' };
export const SYSTEM_SENDER: Message['sender'] = { role: 'system', id: 'system' };

/** The principal timers and routing act as. */
export const systemActor = (tenant: string): Principal => ({ tenant, id: 'router', role: 'admin', name: '系统' });

/** A message event of the bot (an answer card, suggestions, a reply it is sure of). */
export const botSays = (body: MessageBody): NewEvent => ({ type: 'message', message: { sender: BOT_SENDER, body } });

/** A notice the transcript shows people (客服X已接入 ...); state travels in the typed events beside it. */
export const notice = (event: 'queued' | 'assigned' | 'resolved' | 'notice', text: string): NewEvent => ({
  type: 'message',
  message: { sender: SYSTEM_SENDER, body: { type: 'system', event, text } },
});

/** The message's sender as the transcript shows it. */
export const senderOf = (p: Principal): Message['sender'] => ({ role: p.role === 'user' ? 'user' : 'agent', id: p.id, ...(p.name ? { name: p.name } : {}) });

export function assertRole(principal: Principal, roles: readonly Principal['role'][]): void {
  if (!roles.includes(principal.role)) throw new KefuError('FORBIDDEN');
}
