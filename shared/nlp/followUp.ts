/**
 * Whether a message is a short follow-up that only makes sense with the question before it
 * (那要多久, 还是不行, 然后呢, 为什么): the FAQ then reads the two together.
 */
const LEADS = /^(?:那|那么|然后|还是|可是|但是|但|要|大概|大约|一般|多久|几天|怎么办|为什么|为啥|咋|如果|那如果)/;
const ENDS = /(?:多久|几天|多长时间|怎么办|还是不行|不行|没用|没反应|然后呢|为什么|为啥|呢|吗)$/;
const MARKS = /[\s\p{P}\p{S}]/gu;
/** Every lead and every ending word, one after another (那要多久: 那, 要, then 多久). */
const LEADS_ALL = new RegExp(`${LEADS.source}+`);
const ENDS_ALL = new RegExp(`${ENDS.source.slice(0, -1)}+$`);

export function isFollowUp(text: string): boolean {
  const bare = text.replace(MARKS, '');
  return bare.length > 0 && bare.length <= 8 && (LEADS.test(bare) || ENDS.test(bare));
}

/**
 * How many characters a short message says beyond a follow-up's words (能开发票吗 -> 能开发票, 4;
 * 那要多久 -> nothing, 0): a follow-up with three or more of its own names its own topic.
 */
export function followUpOwnWords(text: string): number {
  return text.replace(MARKS, '').replace(LEADS_ALL, '').replace(ENDS_ALL, '').length;
}
