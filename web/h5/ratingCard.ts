import { type ChatSession, ratingTags } from '../../shared/client';
import { button, el } from './dom';

/**
 * The rating card of one resolved conversation: stars, the tags (praise or what to improve by the
 * stars, the same rule as kf-chat), an optional comment, a complaint flag and a primary submit.
 * Built once per conversation and kept across renders, so a new conversation starts from nothing
 * and typing is never lost to a redraw.
 */
export function ratingCard(chat: ChatSession): HTMLElement {
  const t = chat.texts;
  let stars = 0;
  let complaint = false;
  const tags = new Set<string>();
  const card = el('div', 'bubble card rating');
  card.append(el('h4', '', t.rateTitle));
  const starRow = el('div', 'stars');
  starRow.setAttribute('role', 'radiogroup');
  const starButtons: HTMLButtonElement[] = [];
  for (let i = 1; i <= 5; i++) {
    const b = button('★', () => {
      stars = i;
      starButtons.forEach((s, n) => {
        s.classList.toggle('on', n < i);
        s.setAttribute('aria-checked', String(n + 1 === i));
      });
      showTags();
      chat.starsPicked();
    });
    b.setAttribute('role', 'radio');
    b.setAttribute('aria-checked', 'false');
    b.setAttribute('aria-label', t.rateStar(i));
    starButtons.push(b);
    starRow.append(b);
  }
  const tagTitle = el('div', 'label', '');
  const tagRow = el('div', 'chips');
  let shownTags: readonly string[] = [];
  // Rebuilt when a star changes the set (praise <-> improve); tags picked from the other set are
  // dropped, so a 2-star rating never carries 态度好 picked at 5 stars.
  const showTags = (): void => {
    const row = ratingTags(t, stars);
    tagTitle.textContent = row.title;
    tagTitle.hidden = row.tags.length === 0;
    if (row.tags === shownTags) return;
    shownTags = row.tags;
    tags.clear();
    tagRow.replaceChildren(
      ...row.tags.map((tag) => {
        const b = button(tag, () => {
          if (tags.has(tag)) tags.delete(tag);
          else tags.add(tag);
          b.classList.toggle('on', tags.has(tag));
          b.setAttribute('aria-pressed', String(tags.has(tag)));
        });
        b.setAttribute('aria-pressed', 'false');
        return b;
      }),
    );
  };
  showTags();
  const flag = el('label', 'complaint');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.addEventListener('change', () => (complaint = box.checked));
  flag.append(box, document.createTextNode(t.rateComplaint));
  const comment = document.createElement('textarea');
  comment.id = 'rating-comment';
  comment.className = 'field-box';
  comment.rows = 2;
  comment.placeholder = t.rateCommentPlaceholder;
  comment.maxLength = 500;
  const submit = button(t.rateSubmit, () => void chat.rate({ stars, tags: [...tags], comment: comment.value, complaint }), 'primary submit');
  card.append(starRow, tagTitle, tagRow, comment, flag, submit);
  return card;
}
