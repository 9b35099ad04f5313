import type { Conversation, Message } from '../schemas';
import type { EarlierConversation } from './ChatView';

type Get = <T>(path: string) => Promise<T>;

const closed = new Set(['resolved', 'rated', 'abandoned']);

/**
 * The user's ended conversations above the current one, page by page: the newest one's latest
 * messages first; each scroll to the top brings the top conversation's older page, or once it is
 * whole, the next older conversation.
 */
export class EarlierConversations {
  /** Ended conversations not shown yet, newest first; undefined until listed. */
  private unseen: string[] | undefined;
  private shown: EarlierConversation[] = [];
  /** The oldest message shown of the top conversation, while it has older ones. */
  private topBefore: number | undefined;

  constructor(
    private readonly get: Get,
    private readonly pageSize: number,
  ) {}

  get list(): readonly EarlierConversation[] {
    return this.shown;
  }

  get more(): boolean {
    return this.topBefore !== undefined || (this.unseen?.length ?? 0) > 0;
  }

  /** Lists the user's conversations once (the current one left out) and shows the newest ended one. */
  async start(currentId: string): Promise<void> {
    if (this.unseen) return;
    const { conversations } = await this.get<{ conversations: Conversation[] }>('/v1/conversations?limit=20');
    const known = new Set(this.shown.map((c) => c.conversationId));
    this.unseen = conversations.filter((c) => c.id !== currentId && closed.has(c.status) && !known.has(c.id)).map((c) => c.id);
    await this.loadNext();
  }

  /** The conversation that just ended stays on screen, as the newest earlier one. */
  keep(conversationId: string, messages: readonly Message[], nextBefore?: number): void {
    if (!messages.length || this.shown.some((c) => c.conversationId === conversationId)) return;
    // On top only when nothing else is shown: then its older pages are the next to load.
    if (!this.shown.length) this.topBefore = nextBefore;
    this.shown = [...this.shown, { conversationId, messages }];
    this.unseen = this.unseen?.filter((id) => id !== conversationId);
  }

  /** The top conversation's older page, or the next older ended conversation, put on top. */
  async loadNext(): Promise<void> {
    const top = this.shown[0];
    if (top && this.topBefore !== undefined) {
      const page = await this.page(top.conversationId, this.topBefore);
      this.topBefore = page.nextBefore;
      this.shown = [{ conversationId: top.conversationId, messages: [...page.messages, ...top.messages] }, ...this.shown.slice(1)];
      return;
    }
    const id = this.unseen?.[0];
    if (!id) return;
    const page = await this.page(id);
    this.unseen = this.unseen?.filter((x) => x !== id);
    this.topBefore = page.nextBefore;
    if (page.messages.length) this.shown = [{ conversationId: id, messages: page.messages }, ...this.shown];
  }

  private page(id: string, before?: number): Promise<{ messages: Message[]; nextBefore?: number }> {
    return this.get(`/v1/conversations/${encodeURIComponent(id)}/messages?limit=${this.pageSize}${before !== undefined ? `&before=${before}` : ''}`);
  }
}
