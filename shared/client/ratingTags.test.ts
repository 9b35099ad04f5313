import { chatTexts } from './chatText';
import { ratingTags } from './ratingTags';

describe('ratingTags (the rating card tag row follows the stars)', () => {
  const zh = chatTexts('zh-CN');
  it('offers nothing before a star is picked', () => {
    expect(ratingTags(zh, 0)).toEqual({ title: '', tags: [] });
  });

  it('offers praise for 4 and 5 stars', () => {
    expect(ratingTags(zh, 4)).toEqual({ title: '哪些方面让您满意', tags: ['回复及时', '态度好', '问题已解决', '专业'] });
    expect(ratingTags(zh, 5).tags).toContain('态度好');
  });

  it('asks what went wrong for 1 to 3 stars, never offering praise', () => {
    for (const stars of [1, 2, 3]) {
      const row = ratingTags(zh, stars);
      expect(row.title).toBe('哪些方面需要改进');
      expect(row.tags).toEqual(['回复太慢', '态度不好', '问题没解决', '答非所问']);
      expect(row.tags).not.toContain('态度好');
    }
  });

  it('speaks the locale of the texts', () => {
    expect(ratingTags(chatTexts('en'), 2)).toEqual({ title: 'What could be better', tags: ['Slow reply', 'Unfriendly', 'Not solved', 'Off-topic'] });
  });
});
