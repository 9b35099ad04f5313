import { ratingTags } from '../../../shared/client';
import { ratingDefaults } from './KfChatData';
import type { KfChatThis, Methods } from './kfChatThis';

type RatingMethods = Pick<Methods, 'handleStar' | 'handleTag' | 'handleComplaint' | 'handleComment' | 'handleSubmitRating'>;

/** The rating card: stars, the tags those stars call for, a comment, the complaint flag, submit. */
export const ratingMethods: RatingMethods & ThisType<KfChatThis> = {
  handleStar(e) {
    const value = Number(e.currentTarget.dataset['value']);
    const row = ratingTags(this.texts, value);
    // A new set (praise <-> improve) starts unpicked; the same set keeps what was picked.
    const same = row.tags.length === this.data.tags.length && row.tags.every((text, i) => this.data.tags[i]?.text === text);
    const tags = same ? this.data.tags : row.tags.map((text) => ({ text, on: false }));
    this.setData({ stars: this.data.stars.map((s) => ({ value: s.value, on: s.value <= value })), tags, tagsTitle: row.title });
    this.session?.starsPicked();
  },

  handleTag(e) {
    const text = e.currentTarget.dataset['text'];
    this.setData({ tags: this.data.tags.map((tag) => (tag.text === text ? { text: tag.text, on: !tag.on } : tag)) });
  },

  handleComplaint() {
    this.setData({ complaint: !this.data.complaint });
  },

  handleComment(e) {
    this.setData({ comment: e.detail.value });
  },

  async handleSubmitRating() {
    if (!this.session) return;
    const stars = this.data.stars.filter((s) => s.on).length;
    const ok = await this.session.rate({ stars, tags: this.data.tags.filter((t) => t.on).map((t) => t.text), comment: this.data.comment, complaint: this.data.complaint });
    if (ok) this.setData(ratingDefaults());
  },
};
