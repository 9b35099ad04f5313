import type { EscalationReason, Ticket } from '../schemas';
import { ACCOUNT_THEFT as THEFT, COMPLAINT } from '../nlp';

export interface EscalationFacts {
  /** The user's messages in this conversation. */
  readonly texts: readonly string[];
  readonly ticket: Ticket | undefined;
  /** Conversations about the same category in the last 7 days, this one included. */
  readonly sameCategoryContacts: number;
  readonly escalationAmount: number;
  readonly repeatContacts: number;
}

/**
 * Layer 3 of routing: whether a case is complex enough for expert seats, and why. Checked in order
 * of urgency: a stolen account before a complaint before a large amount before a repeat contact.
 */
export function escalationFor(facts: EscalationFacts): EscalationReason | undefined {
  const text = facts.texts.join('\n');
  if (THEFT.test(text) || (facts.ticket?.category?.value === 'account' && /盗|陌生|冻结了我/.test(text))) return 'accountTheft';
  if (COMPLAINT.test(text)) return 'complaint';
  const amount = amountOf(facts.ticket);
  if (amount !== undefined && amount >= facts.escalationAmount) return 'largeAmount';
  if (facts.sameCategoryContacts >= facts.repeatContacts) return 'repeatContact';
  return undefined;
}

function amountOf(ticket: Ticket | undefined): number | undefined {
  const v = ticket?.amount?.value as { amount?: number; max?: number } | undefined;
  return v?.amount ?? v?.max;
}

export const escalationText: Readonly<Record<EscalationReason, string>> = {
  accountTheft: '疑似账户被盗',
  complaint: '用户提到投诉',
  largeAmount: '涉及大额资金',
  repeatContact: '7 天内多次咨询同类问题',
  agentEscalation: '客服升级',
};
