import { isKefuError } from '../errors';
import type { ConversationStatus } from '../schemas';
import { allowed, isOpen, lifecycle, type ConversationAction } from './lifecycle';

const statuses: ConversationStatus[] = ['bot', 'queued', 'assigned', 'resolved', 'rated', 'abandoned'];

function outcome(action: ConversationAction, status: ConversationStatus): string {
  try {
    return allowed(action, status) ? 'allow' : 'skip';
  } catch (err) {
    return isKefuError(err) ? err.code : 'crash';
  }
}

describe('the conversation lifecycle table', () => {
  it('covers every action in every status, and allowed() does what the table says', () => {
    for (const action of Object.keys(lifecycle) as ConversationAction[]) {
      for (const status of statuses) {
        const rule = lifecycle[action][status];
        expect([action, status, outcome(action, status)]).toEqual([action, status, rule]);
      }
    }
  });

  it('keeps the lifecycle: writing only while open, rating once after the end, one claim', () => {
    const row = (action: ConversationAction) => statuses.map((s) => outcome(action, s));
    expect(row('userMessage')).toEqual(['allow', 'allow', 'allow', 'CONVERSATION_CLOSED', 'CONVERSATION_CLOSED', 'CONVERSATION_CLOSED']);
    expect(row('rate')).toEqual(['NOT_RESOLVED', 'NOT_RESOLVED', 'NOT_RESOLVED', 'allow', 'ALREADY_RATED', 'NOT_RESOLVED']);
    expect(row('claim')).toEqual(['allow', 'allow', 'ALREADY_CLAIMED', 'CONVERSATION_CLOSED', 'CONVERSATION_CLOSED', 'CONVERSATION_CLOSED']);
    expect(row('faqFeedback')).toEqual(['allow', 'BOT_INACTIVE', 'BOT_INACTIVE', 'CONVERSATION_CLOSED', 'CONVERSATION_CLOSED', 'CONVERSATION_CLOSED']);
    expect(row('agentReply')).toEqual(['NOT_ASSIGNEE', 'NOT_ASSIGNEE', 'allow', 'CONVERSATION_CLOSED', 'CONVERSATION_CLOSED', 'CONVERSATION_CLOSED']);
    // Timers do nothing (rather than fail) once the state they wait for has passed.
    expect(row('autoReply')).toEqual(['skip', 'allow', 'skip', 'skip', 'skip', 'skip']);
    expect(row('reoffer')).toEqual(['skip', 'skip', 'allow', 'skip', 'skip', 'skip']);
    expect(row('editTicket').every((o) => o === 'allow')).toBe(true);
    expect(statuses.filter(isOpen)).toEqual(['bot', 'queued', 'assigned']);
  });
});
