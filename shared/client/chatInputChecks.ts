import { MAX_TEXT_LENGTH } from '../schemas/limits';
import type { LeaveMessageInput, RatingInput } from './ChatView';
import type { ChatTexts } from './chatText';

/** Why a typed message is refused before sending (empty, too long), or undefined. */
export function textProblem(trimmed: string, t: ChatTexts): string | undefined {
  if (!trimmed) return t.empty;
  if (trimmed.length > MAX_TEXT_LENGTH) return t.tooLong(MAX_TEXT_LENGTH, trimmed.length);
  return undefined;
}

/** Why a 留言 is refused before sending (no text, a call-back without a mobile number), or undefined. */
export function leaveProblem(input: LeaveMessageInput, t: ChatTexts): string | undefined {
  if (!input.text.trim()) return t.empty;
  if (input.contact === 'phone' && !/^1\d{10}$/.test(input.phone ?? '')) return t.leavePhoneInvalid;
  return undefined;
}

/** A rating needs 1-5 whole stars. */
export function ratingProblem(input: RatingInput, t: ChatTexts): string | undefined {
  return Number.isInteger(input.stars) && input.stars >= 1 && input.stars <= 5 ? undefined : t.ratePickStars;
}
