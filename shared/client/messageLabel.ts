import type { MessageBody } from '../schemas';
import type { ChatTexts } from './chatText';

type Body<T extends MessageBody['type']> = Extract<MessageBody, { type: T }>;

/** Whole seconds of a recording as users see them (a 0.4 s tap still reads 1″). */
export function voiceSeconds(durationMs: number): number {
  return Math.max(1, Math.round(durationMs / 1000));
}

/**
 * What a voice message or picture reads as where it cannot be shown (`[语音 3″]`, `[图片]`): in the
 * chat's bubbles, the console's transcript and the inbox's preview, from the one text table so
 * the label is the same everywhere. Empty for every other message.
 */
export function mediaLabel(body: MessageBody, t: ChatTexts): string {
  if (body.type === 'voice') return t.voiceLabel(voiceSeconds(body.durationMs));
  if (body.type === 'image') return t.imageLabel;
  return '';
}

/** A rating as one line: ★★★★☆, its tags, the comment, (投诉). */
export function ratingText(b: Body<'rating'>, t: ChatTexts): string {
  return `${'★'.repeat(b.stars)}${'☆'.repeat(5 - b.stars)}${b.tags.length ? ` ${b.tags.join('、')}` : ''}${b.comment ? ` ${b.comment}` : ''}${b.complaint ? `(${t.rateComplaint})` : ''}`;
}
