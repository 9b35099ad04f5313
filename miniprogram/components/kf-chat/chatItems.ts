import type { ChatView } from '../../../shared/client/ChatView';
import type { ChatTexts } from '../../../shared/client/chatText';
import type { Message } from '../../../shared/schemas';

/**
 * One row of kf-chat's message list, every field ready to print (the template has no logic beyond
 * `a:if` on `kind`). A type alias so it fits setData.
 */
export type ChatItem = {
  readonly key: string;
  readonly kind: 'notice' | 'text' | 'card' | 'suggest' | 'rating' | 'pending' | 'predicted';
  readonly mine: boolean;
  /** 客服 小王 above an agent's bubble; empty otherwise. */
  readonly sender: string;
  readonly text: string;
  readonly question: string;
  readonly answer: string;
  readonly faqId: string;
  readonly actions: readonly { readonly label: string; readonly path: string; readonly url: string }[];
  readonly showFeedback: boolean;
  readonly chips: readonly { readonly faqId: string; readonly question: string }[];
  readonly failed: boolean;
  readonly stateText: string;
  /** Of a pending bubble, for tap-to-retry. */
  readonly clientMessageId: string;
  /** A proactive reminder: offers 不再提醒. */
  readonly proactive: boolean;
};

const blank = { mine: false, sender: '', text: '', question: '', answer: '', faqId: '', actions: [], showFeedback: false, chips: [], failed: false, stateText: '', clientMessageId: '', proactive: false };

function messageItem(m: Message, status: string | undefined, t: ChatTexts): ChatItem {
  const key = `m${m.seq}`;
  const mine = m.sender.role === 'user';
  const sender = m.sender.role === 'agent' && m.sender.name ? `客服 ${m.sender.name}` : '';
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
        actions: b.actions.map((a) => ({ label: a.label, path: a.path ?? '', url: a.url ?? '' })),
        // The buttons only make sense while the bot is still the one answering.
        showFeedback: b.feedback && (status ?? 'bot') === 'bot',
      };
    case 'faqSuggest':
      return { ...blank, key, kind: 'suggest', text: b.text, chips: b.items.map((i) => ({ faqId: i.faqId, question: i.question })), proactive: b.proactive === true };
    case 'voice':
      // Played by the agent; the user's own bubble shows the length and, once recognised, the words.
      return { ...blank, key, kind: 'text', mine, sender, text: `[语音 ${Math.max(1, Math.round(b.durationMs / 1000))}″]${b.text ? ` ${b.text}` : ''}` };
    case 'image':
      return { ...blank, key, kind: 'text', mine, sender, text: '[图片]' };
    case 'note':
      // Staff notes never reach users (the server filters them); drawn as nothing if one did.
      return { ...blank, key, kind: 'notice', text: '' };
    case 'rating':
      return { ...blank, key, kind: 'rating', mine: true, text: `${'★'.repeat(b.stars)}${'☆'.repeat(5 - b.stars)}${b.comment ? ` ${b.comment}` : ''}${b.complaint ? `(${t.rateComplaint})` : ''}` };
  }
}

export function chatItems(view: ChatView, t: ChatTexts): ChatItem[] {
  const items: ChatItem[] = [];
  if (view.predicted.length && !view.chat.messages.length) {
    items.push({ ...blank, key: 'predicted', kind: 'predicted', text: t.predicted, chips: view.predicted.map((p) => ({ faqId: p.faqId, question: p.question })) });
  }
  for (const m of view.chat.messages) items.push(messageItem(m, view.chat.status, t));
  for (const p of view.chat.pending) {
    items.push({ ...blank, key: `p${p.clientMessageId}`, kind: 'pending', mine: true, text: p.text, clientMessageId: p.clientMessageId, failed: p.state === 'failed', stateText: p.state === 'failed' ? (p.error ?? t.sendFailed) : t.sending });
  }
  return items;
}
