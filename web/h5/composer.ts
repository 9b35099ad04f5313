import { type ChatSession, type ChatView, composerCounter } from '../../shared/client';
import { MAX_TEXT_LENGTH } from '../../shared/schemas/limits';
import { $, button, el, icon } from './dom';
import { openLeaveSheet } from './leaveSheet';

/**
 * The phone-first input bar: the text box takes the row; the voice/keyboard switch on its left
 * (when the backend takes voice), "+" on its right opens the panel (pictures, 留言), and 发送
 * takes the place of "+" while there is text. Enter sends, Shift+Enter is a new line (an IME's
 * Enter that picks a word is not a send). A live counter from 1,800 characters; the box stops at
 * the limit itself.
 */
export class Composer {
  private readonly input = $<HTMLTextAreaElement>('input');
  private readonly send = $<HTMLButtonElement>('send');
  private readonly plus = $<HTMLButtonElement>('plus');
  private readonly mode = $<HTMLButtonElement>('mode');
  private readonly voice = $<HTMLButtonElement>('voice');
  private readonly panel = $('panel');
  private readonly quick = $('quick');
  private readonly counter = $('counter');
  private voiceMode = false;
  private panelOpen = false;
  private view: ChatView | undefined;
  private quickKey = '';
  private panelKey = '';

  constructor(
    private readonly chat: ChatSession,
    private readonly pickImage: () => void,
  ) {
    const t = chat.texts;
    this.input.maxLength = MAX_TEXT_LENGTH;
    this.input.placeholder = t.inputPlaceholder;
    this.send.textContent = t.send;
    this.voice.textContent = t.voiceHold;
    this.plus.innerHTML = icon('plus');
    this.plus.setAttribute('aria-label', t.more);
    this.input.addEventListener('input', () => {
      this.typed();
      this.chat.typing();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
      e.preventDefault();
      this.submit();
    });
    this.input.addEventListener('focus', () => this.togglePanel(false));
    this.send.addEventListener('click', () => this.submit());
    this.plus.addEventListener('click', () => this.togglePanel(!this.panelOpen));
    this.mode.addEventListener('click', () => {
      this.voiceMode = !this.voiceMode;
      this.togglePanel(false);
      this.layout();
      if (!this.voiceMode) this.input.focus();
    });
    this.layout();
  }

  /** Called on every view change: which buttons the conversation offers now. */
  update(view: ChatView): void {
    this.view = view;
    const t = this.chat.texts;
    if (!view.media && this.voiceMode) this.voiceMode = false;
    const quickKey = `${view.canAskHuman}|${view.canLeaveMessage}`;
    if (quickKey !== this.quickKey) {
      this.quickKey = quickKey;
      this.quick.replaceChildren();
      // 转人工 only while the bot holds the conversation; 留言 while waiting for a human.
      if (view.canAskHuman) this.quick.append(Object.assign(button(t.askHuman, () => void this.chat.askHuman()), { id: 'human' }));
      if (view.canLeaveMessage) this.quick.append(Object.assign(button(t.leaveMessage, () => openLeaveSheet(this.chat, $('app'))), { id: 'leave' }));
    }
    const panelKey = `${view.media}|${view.canLeaveMessage}`;
    if (panelKey !== this.panelKey) {
      this.panelKey = panelKey;
      this.panel.replaceChildren();
      if (view.media) this.panel.append(this.tile('image', t.imageButton, this.pickImage, 'panel-image'));
      if (view.canLeaveMessage) this.panel.append(this.tile('note', t.leaveMessage, () => openLeaveSheet(this.chat, $('app')), 'panel-leave'));
    }
    this.layout();
  }

  private tile(name: 'image' | 'note', label: string, onClick: () => void, id: string): HTMLButtonElement {
    const b = button('', () => {
      this.togglePanel(false);
      onClick();
    });
    b.id = id;
    const tile = el('span', 'tile');
    tile.innerHTML = icon(name);
    b.append(tile, document.createTextNode(label));
    return b;
  }

  private togglePanel(open: boolean): void {
    this.panelOpen = open && this.panel.childElementCount > 0;
    this.plus.setAttribute('aria-expanded', String(this.panelOpen));
    this.panel.classList.toggle('hidden', !this.panelOpen);
  }

  private typed(): void {
    // The box grows with its text up to four lines, then scrolls: what is typed stays in view.
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 108)}px`;
    const c = composerCounter(this.input.value.length, this.chat.texts);
    this.counter.textContent = c.text;
    this.counter.classList.toggle('full', c.full);
    this.layout();
  }

  private submit(): void {
    const text = this.input.value;
    void this.chat.send(text).then((accepted) => {
      if (!accepted) return;
      if (this.input.value === text) this.input.value = '';
      this.typed();
    });
  }

  private layout(): void {
    const t = this.chat.texts;
    const media = this.view?.media ?? false;
    this.mode.classList.toggle('hidden', !media);
    this.mode.innerHTML = icon(this.voiceMode ? 'keyboard' : 'mic');
    this.mode.setAttribute('aria-label', this.voiceMode ? t.keyboardMode : t.voiceMode);
    $('field').classList.toggle('hidden', this.voiceMode);
    this.voice.classList.toggle('hidden', !this.voiceMode);
    const hasText = !this.voiceMode && this.input.value.trim() !== '';
    const hasPanel = this.panel.childElementCount > 0;
    this.send.classList.toggle('hidden', !(hasText || !hasPanel) || this.voiceMode);
    this.plus.classList.toggle('hidden', hasText || !hasPanel);
  }
}
