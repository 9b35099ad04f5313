import type { FaqAction, Message } from '../schemas';
import type { ChatView } from './ChatView';
import type { ChatTexts } from './chatText';
import type { ActionLinks } from './actionLinks';
import { mediaLabel, ratingText } from './messageLabel';

/**
 * A guide button under an answer: its mini-program page, its web link (the action's own, or the
 * merchant's H5 address of that page), and the card it belongs to, so that without a link the bot
 * is asked for that card's entry, not for the button's words (去还款 under 花呗 matched 借呗).
 */
export type ChatItemAction = { readonly label: string; readonly path: string; readonly url: string };

/**
 * One row of the chat's message list, every field ready to print: the one display converter of
 * the mini-program's kf-chat and the H5 page (the template has no logic beyond `a:if` on `kind`).
 * A type alias so it fits setData.
 */
export type ChatItem = {
  readonly key: string;
  readonly kind: 'notice' | 'text' | 'card' | 'suggest' | 'choices' | 'rating' | 'pending' | 'predicted' | 'voice' | 'image' | 'divider';
  readonly mine: boolean;
  /** 客服 小王 above an agent's bubble; empty otherwise. */
  readonly sender: string;
  readonly text: string;
  readonly question: string;
  readonly answer: string;
  readonly faqId: string;
  readonly actions: readonly ChatItemAction[];
  readonly showFeedback: boolean;
  readonly chips: readonly { readonly faqId: string; readonly question: string }[];
  /** Of a question with ready answers: each button sends its text as the user's message. */
  readonly replies: readonly { readonly label: string; readonly text: string }[];
  /** Of a status card (the user's own transaction): the rows of what was found. */
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  /** A status card offers 转人工 with the transaction attached. */
  readonly offerHandoff: boolean;
  readonly failed: boolean;
  readonly stateText: string;
  /** Of a pending bubble, for the 重发 icon; of a voice or picture, its media id. */
  readonly clientMessageId: string;
  readonly mediaId: string;
  /** A voice message's transcript is missing (shown as 未转写). */
  readonly untranscribed: boolean;
  /** A proactive reminder: offers 不再提醒. */
  readonly proactive: boolean;
  /** An earlier (resolved) conversation's row: no buttons act on it. */
  readonly past: boolean;
};

const blank = {
  mine: false,
  sender: '',
  text: '',
  question: '',
  answer: '',
  faqId: '',
  actions: [],
  showFeedback: false,
  chips: [],
  replies: [],
  facts: [],
  offerHandoff: false,
  failed: false,
  stateText: '',
  clientMessageId: '',
  mediaId: '',
  untranscribed: false,
  proactive: false,
  past: false,
};

/** A card's buttons: the page and its web link (the action's own, else the merchant's H5 address of the page). */
function actionItems(actions: readonly FaqAction[], links: ActionLinks): ChatItemAction[] {
  return actions.map((a) => ({ label: a.label, path: a.path ?? '', url: a.url ?? (a.path ? links[a.path] : undefined) ?? '' }));
}

/**
 * The message as a row. `live` is false for a FAQ card whose 解决了/没解决 no longer apply: the
 * conversation left the bot, a later card replaced it, or it belongs to an earlier conversation.
 */
function messageItem(m: Message, key: string, live: boolean, t: ChatTexts, links: ActionLinks = {}): ChatItem {
  const mine = m.sender.role === 'user';
  const sender = m.sender.role === 'agent' && m.sender.name ? t.agentLabel(m.sender.name) : '';
  const b = m.body;
  switch (b.type) {
    case 'system':
      return { ...blank, key, kind: 'notice', text: b.text };
    case 'text':
      return { ...blank, key, kind: 'text', mine, sender, text: b.text };
    case 'faqCard':
      return {
        ...blank,
        key,
        kind: 'card',
        question: b.question,
        answer: b.answer,
        faqId: b.faqId,
        actions: actionItems(b.actions, links),
        showFeedback: b.feedback && live,
      };
    case 'statusCard':
      // Drawn as an answer card (title, explanation, the next steps) with the rows of what was found.
      return {
        ...blank,
        key,
        kind: 'card',
        question: b.title,
        answer: b.explanation,
        facts: b.facts,
        actions: actionItems(b.actions, links),
        offerHandoff: b.handoff && live,
      };
    case 'choices':
      return { ...blank, key, kind: 'choices', text: b.text, replies: live ? b.items : [] };
    case 'faqSuggest':
      return { ...blank, key, kind: 'suggest', text: b.text, chips: b.items.map((i) => ({ faqId: i.faqId, question: i.question })), proactive: b.proactive === true };
    case 'voice':
      return { ...blank, key, kind: 'voice', mine, sender, mediaId: b.mediaId, text: `${mediaLabel(b, t)}${b.transcribed && b.text ? ` ${b.text}` : ''}`, untranscribed: !b.transcribed };
    case 'image':
      return { ...blank, key, kind: 'image', mine, sender, mediaId: b.mediaId, text: mediaLabel(b, t) };
    case 'note':
      // Staff notes never reach users (the server filters them); drawn as nothing if one did.
      return { ...blank, key, kind: 'notice', text: '' };
    case 'rating':
      return { ...blank, key, kind: 'rating', mine: true, text: ratingText(b, t) };
  }
}

const answerable = new Set(['faqCard', 'statusCard', 'choices']);

/**
 * The seq of the newest card or question of the bot: only its buttons can still be answered. A
 * 您想问的是不是 list the bot answered with also ends the card before it: the server takes 解决了 for
 * the latest answer only, and refused the old card's with a red line (walk finding).
 */
function newestCardSeq(messages: readonly Message[]): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const b = messages[i]!.body;
    if (answerable.has(b.type) || (b.type === 'faqSuggest' && !b.proactive)) return messages[i]!.seq;
  }
  return -1;
}

/**
 * The whole list: earlier conversations (oldest first, each closed by a divider), 猜你想问 for an
 * empty conversation, the current messages, then what is still being sent.
 */
export function chatItems(view: ChatView, t: ChatTexts): ChatItem[] {
  const items: ChatItem[] = [];
  view.earlier.forEach((past, n) => {
    for (const m of past.messages) items.push({ ...messageItem(m, `h${n}s${m.seq}`, false, t), past: true });
    items.push({ ...blank, key: `h${n}end`, kind: 'divider', text: t.historyDivider, past: true });
  });
  if (view.predicted.length && !view.chat.messages.length) {
    items.push({ ...blank, key: 'predicted', kind: 'predicted', text: t.predicted, chips: view.predicted.map((p) => ({ faqId: p.faqId, question: p.question })) });
  }
  const botAnswers = (view.chat.status ?? 'bot') === 'bot';
  const newest = newestCardSeq(view.chat.messages);
  for (const m of view.chat.messages) items.push(messageItem(m, `m${m.seq}`, botAnswers && m.seq === newest, t, view.actionLinks));
  for (const p of view.chat.pending) {
    const failed = p.state === 'failed';
    items.push({ ...blank, key: `p${p.clientMessageId}`, kind: 'pending', mine: true, text: p.text, clientMessageId: p.clientMessageId, failed, stateText: failed ? t.sendFailedShort : t.sending });
  }
  return items;
}
