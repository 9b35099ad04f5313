import type { ChatItem, ChatItemAction, ChatTexts } from '../../shared/client';
import { button, el } from './dom';

export interface ItemHandlers {
  retry(clientMessageId: string): void;
  feedback(faqId: string, resolved: boolean): void;
  select(faqId: string, source: 'suggest' | 'predicted'): void;
  stopProactive(): void;
  action(action: ChatItemAction): void;
  /** A ready answer of a question: its text goes as the user's message (the outbox, like typing). */
  reply(text: string): void;
  /** 转人工 on a status card: the same as the shortcut above the input. */
  askHuman(): void;
  /** The <audio> or <img> of a media id, kept across renders. */
  media(mediaId: string, tag: 'audio' | 'img'): HTMLElement;
}

/** One row of shared/client's chat items as DOM: the H5 page draws nothing the converter did not decide. */
export function renderItem(item: ChatItem, t: ChatTexts, on: ItemHandlers): HTMLElement {
  if (item.kind === 'notice') return el('div', 'notice', item.text);
  if (item.kind === 'divider') return el('div', 'divider', item.text);
  const row = el('div', `row${item.mine ? ' mine' : ''}${item.past ? ' past' : ''}`);
  const bubble = el('div', 'bubble');
  if (item.sender) bubble.append(el('div', 'sender', item.sender));
  switch (item.kind) {
    case 'text':
    case 'rating':
      bubble.append(document.createTextNode(item.text));
      break;
    case 'card': {
      bubble.classList.add('card');
      bubble.append(el('h4', '', item.question));
      // A status card: what was found, as rows of label and value, above the explanation.
      if (item.facts.length) {
        bubble.classList.add('status');
        const facts = el('dl', 'facts');
        for (const f of item.facts) {
          const row = el('div', 'fact');
          row.append(el('dt', '', f.label), el('dd', '', f.value));
          facts.append(row);
        }
        bubble.append(facts);
      }
      bubble.append(el('div', '', item.answer));
      const actions = el('div', 'actions');
      for (const a of item.actions) actions.append(button(a.label, () => on.action(a)));
      if (item.showFeedback) actions.append(button(t.resolvedYes, () => on.feedback(item.faqId, true)), button(t.resolvedNo, () => on.feedback(item.faqId, false)));
      if (item.offerHandoff) actions.append(button(t.askHuman, () => on.askHuman(), 'card-human'));
      if (actions.childElementCount) bubble.append(actions);
      break;
    }
    case 'choices': {
      bubble.classList.add('choices');
      bubble.append(el('div', '', item.text));
      if (item.replies.length) {
        const replies = el('div', 'chips');
        for (const r of item.replies) replies.append(button(r.label, () => on.reply(r.text), 'reply'));
        bubble.append(replies);
      }
      break;
    }
    case 'suggest':
    case 'predicted': {
      if (item.kind === 'predicted') bubble.classList.add('predicted');
      bubble.append(el('div', '', item.text));
      const chips = el('div', 'chips');
      for (const c of item.chips) chips.append(button(c.question, () => on.select(c.faqId, item.kind === 'predicted' ? 'predicted' : 'suggest')));
      if (item.proactive) chips.append(button(t.proactiveOff, () => on.stopProactive()));
      bubble.append(chips);
      break;
    }
    case 'voice':
      bubble.append(on.media(item.mediaId, 'audio'), el('div', 'sub', item.untranscribed ? t.untranscribed : item.text));
      break;
    case 'image':
      bubble.append(on.media(item.mediaId, 'img'));
      break;
    case 'pending': {
      row.classList.add('pending');
      bubble.append(document.createTextNode(item.text));
      const state = el('span', 'state', item.stateText);
      if (item.failed) {
        // A visible 重发 on a phone (no hover): tap it, the same message goes again under its id.
        row.classList.add('failed');
        const again = button('!', () => on.retry(item.clientMessageId), 'resend');
        again.setAttribute('aria-label', t.resend);
        again.title = t.resend;
        row.append(state, again);
      } else row.append(state);
      break;
    }
  }
  row.append(bubble);
  return row;
}
