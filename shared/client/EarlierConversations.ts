import type { Conversation, Message } from '../schemas';
import type { EarlierConversation } from './ChatView';

type Get = <T>(path: string) => Promise<T>;

const closed = new Set(['resolved', 'rated', 'abandoned']);

/**
 * The user's ended conversations above the current one, one conversation per page (its latest
 * messages): the newest first, and the next older one each time the user scrolls to the top.
 */
export class EarlierConversations {
  /** Ended conversations not shown yet, newest first; undefined until listed. */
  private unseen: string[] | undefined;
  private shown: EarlierConversation[] = [];

  constructor(
    private readonly get: Get,
    private readonly pageSize: number,
  ) {}

  get list(): readonly EarlierConversation[] {
    return this.shown;
  }

  get more(): boolean {
    return (this.unseen?.length ?? 0) > 0;
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
  keep(conversationId: string, messages: readonly Message[]): void {
    if (!messages.length || this.shown.some((c) => c.conversationId === conversationId)) return;
    this.shown = [...this.shown, { conversationId, messages }];
    this.unseen = this.unseen?.filter((id) => id !== conversationId);
  }

  /** The next older ended conversation, put on top. */
  async loadNext(): Promise<void> {
    const id = this.unseen?.[0];
    if (!id) return;
    const page = await this.get<{ messages: Message[] }>(`/v1/conversations/${encodeURIComponent(id)}/messages?limit=${this.pageSize}`);
    this.unseen = this.unseen?.filter((x) => x !== id);
    if (page.messages.length) this.shown = [{ conversationId: id, messages: page.messages }, ...this.shown];
  }
}
