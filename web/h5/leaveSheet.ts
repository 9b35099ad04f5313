import type { ChatSession } from '../../shared/client';
import { button, el } from './dom';

/**
 * 留言 as a bottom sheet: how to be answered (here in the chat, or a call back with the number)
 * and the question. Closed once the message is left; the chat says so.
 */
export function openLeaveSheet(chat: ChatSession, host: HTMLElement): void {
  const t = chat.texts;
  if (host.querySelector('.sheet-mask')) return;
  const mask = el('div', 'sheet-mask');
  const sheet = el('div', 'sheet');
  sheet.setAttribute('role', 'dialog');
  sheet.setAttribute('aria-label', t.leaveTitle);
  const radio = (value: 'chat' | 'phone', label: string) => {
    const l = el('label', '');
    const r = document.createElement('input');
    r.type = 'radio';
    r.name = 'leave-contact';
    r.value = value;
    r.checked = value === 'chat';
    r.addEventListener('change', () => phone.classList.toggle('hidden', value !== 'phone'));
    l.append(r, document.createTextNode(label));
    return l;
  };
  const phone = document.createElement('input');
  phone.id = 'leave-phone';
  phone.className = 'field-box hidden';
  phone.type = 'tel';
  phone.inputMode = 'numeric';
  phone.maxLength = 11;
  phone.placeholder = t.leavePhonePlaceholder;
  const text = document.createElement('textarea');
  text.id = 'leave-text';
  text.className = 'field-box';
  text.rows = 4;
  text.maxLength = 2000;
  text.placeholder = t.leaveTextPlaceholder;
  const close = () => mask.remove();
  // Why it was refused, inside the sheet (the chat's own notice line is behind it).
  const problem = el('div', 'sheet-error');
  problem.setAttribute('role', 'alert');
  for (const field of [phone, text]) field.addEventListener('input', () => (problem.textContent = ''));
  const submit = button(
    t.leaveSubmit,
    () => {
      const contact = (sheet.querySelector<HTMLInputElement>('input[name=leave-contact]:checked')?.value ?? 'chat') as 'chat' | 'phone';
      void chat.leaveMessage({ text: text.value, contact, ...(contact === 'phone' ? { phone: phone.value.trim() } : {}) }).then((ok) => {
        if (ok) close();
        else problem.textContent = chat.current.notice;
      });
    },
    'primary',
  );
  const buttons = el('div', 'buttons');
  buttons.append(button(t.leaveCancel, close), submit);
  // The hint follows the choice: a reply in the chat, or a call back.
  const hint = el('p', 'hint', t.leaveHint);
  sheet.addEventListener('change', () => (hint.textContent = sheet.querySelector<HTMLInputElement>('input[name=leave-contact]:checked')?.value === 'phone' ? t.leaveHintPhone : t.leaveHint));
  sheet.append(el('h3', '', t.leaveTitle), hint, el('div', 'label', t.leaveContact), radio('chat', t.leaveByChat), radio('phone', t.leaveByPhone), phone, text, problem, buttons);
  mask.addEventListener('click', (e) => e.target === mask && close());
  mask.append(sheet);
  host.append(mask);
  text.focus();
}
