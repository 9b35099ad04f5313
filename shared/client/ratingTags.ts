import type { ChatTexts } from './chatText';

/** Stars at or above this read as praise; below it the card asks what went wrong. */
const PRAISE_FROM_STARS = 4;

/**
 * The tag row of the rating card for the stars picked so far: nothing before a star is picked (a
 * tag means nothing without the rating it qualifies), praise for 4-5 stars, what to improve for
 * 1-3, so a 2-star rating is never offered 态度好. Shared by the H5 card and kf-chat.
 */
export function ratingTags(t: ChatTexts, stars: number): { title: string; tags: readonly string[] } {
  if (stars < 1) return { title: '', tags: [] };
  return stars >= PRAISE_FROM_STARS ? { title: t.rateTagsTitle, tags: t.rateTags } : { title: t.rateLowTagsTitle, tags: t.rateLowTags };
}
