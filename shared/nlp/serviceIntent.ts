import type { ServiceIntent } from '../schemas';

/**
 * What a message asks of the service before it is a question for the FAQ: a greeting or thanks
 * (answered, never handed off), a request for a human, a complaint or a stolen account (to the
 * expert seats at once), abuse (answered calmly), small talk no merchant's knowledge base answers
 * (out of scope: handed off, as any question the bot cannot answer). Undefined: a question, for
 * the FAQ.
 */
export type { ServiceIntent };

/** The intents that go to a person at once; the others are answered by the bot. */
export type HandoffIntent = Extract<ServiceIntent, 'human' | 'complaint' | 'accountTheft' | 'offTopic'>;
export function handsOff(intent: ServiceIntent): intent is HandoffIntent {
  return intent === 'human' || intent === 'complaint' || intent === 'accountTheft' || intent === 'offTopic';
}

/**
 * A question about the complaint process or a feature (怎么投诉, 投诉进度在哪看, 一键报警在哪) rather
 * than a complaint being made (我要投诉你们, 再不处理我就报警): the merchant's FAQ answers it.
 */
const ABOUT_COMPLAINTS = /怎么|如何|在哪|哪里|哪儿|进度|多久|结果|流程|渠道|入口|按钮|一键|能不能|可以|还能/;
const MAKING_ONE = /我要|我就|我会|要去|去.{0,4}(?:投诉|曝光|报警|起诉)|再不|太差|态度差|骂人|骂我|你们/;

/** A stolen or misused account: the expert seats, with what to do at once. */
export const ACCOUNT_THEFT = /被盗|盗号|盗刷|盗用|陌生设备|异地登录|不是本人|不是我本人|不是我操作|不是我自己|被人登录|被别人登录|账号被黑/;
/** A complaint or a threat to take it further: the expert seats. */
export const COMPLAINT = /投诉|12315|报警|曝光|消协|消费者协会|银保监|金融监管|起诉|律师函/;
const HUMAN_REQUEST = /转人工|人工客服|人工服务|找人工|要人工|真人|^人工$|接人工|talk to (?:a )?(?:human|person|agent)|real person/i;
/**
 * A question about the human service itself (人工客服几点上班, 人工服务电话多少) rather than asking
 * for it: the merchant's FAQ answers it when it has the hours or the number, and a question it
 * cannot answer goes to a person anyway. Asking in so many words (转人工, 找人工) is a request still.
 */
const ABOUT_HUMAN_SERVICE = /(?:人工客服|人工服务|真人客服)[^,，。.!！?？]{0,6}?(?:几点|什么时候|啥时候|时间|上班|下班|营业|电话|号码|热线)/;
const ASKING_FOR_ONE = /转人工|找人工|要人工|接人工|^人工$|talk to|real person/i;

/** A typed request for a person (the button sends a flag instead, whatever the UI's language). */
export function isHumanRequest(text: string): boolean {
  return HUMAN_REQUEST.test(text) && (ASKING_FOR_ONE.test(text) || !ABOUT_HUMAN_SERVICE.test(text));
}
/**
 * Small talk that no merchant's service answers (the weather, a joke, a poem, the bot's age), only
 * as the whole message with a polite lead or a particle around it: 今天天气怎么样,还能配送吗 or
 * 儿童手表能讲个故事吗 are questions for the FAQ.
 */
const OFF_TOPIC_PHRASES = [
  '(?:(?:今天|明天|后天|这几天|最近)的?)?天气(?:怎么样|如何|好吗|咋样|好不好)?',
  '讲个笑话', '说个笑话', '讲个故事', '写一?首诗', '唱一?首歌',
  '你(?:今年)?(?:多大了?|几岁了?)', '你是男(?:的|生)?还是女(?:的|生)?', '你结婚了吗?', '你有(?:男|女)朋友吗?',
  '陪我聊(?:聊天|聊|天|会儿?)',
  'tell me a joke', "what'?s the weather(?: like)?(?: today)?",
].join('|');
const OFF_TOPIC_LEAD = '请|你|能|可以|能不能|可不可以|给我|帮我|跟我|和我|来|再|那|那你|哈哈|嗯|please|can you';
const OFF_TOPIC_TAIL = '吧|吗|呢|呀|啊|嘛|一下|一个|听听|好不好|行不行|可以吗|please';
const OFF_TOPIC = new RegExp(`^(?:(?:${OFF_TOPIC_LEAD})\\s*)*(?:${OFF_TOPIC_PHRASES})(?:\\s*(?:${OFF_TOPIC_TAIL}))*$`, 'i');
/** A guard only (the pattern spans the whole message): English small talk runs longer than Chinese. */
const OFF_TOPIC_MAX = 40;
const ABUSE = /傻[逼比bB]|[sS][bB](?![a-zA-Z])|(?<![我俺咱她爸老姨舅姑岳后亲])妈的|操你|草泥马|去死|滚蛋|废物|垃圾客服|脑残/;

// What is left of a greeting or a thank-you once its words are gone: nothing but punctuation.
const GREETING_WORDS = /你好|您好|哈喽|嗨|hello|hi|hey|在吗|在么|在不在|有人吗|有人在吗|客服|亲|早上好|上午好|中午好|下午好|晚上好|请问|那个|呀|啊|哦|嗯|呢/gi;
const THANKS_WORDS = /谢谢你们|谢谢您|谢谢你?|多谢|感谢|谢了|thanks?|thank you|thx|好的|好滴|知道了|明白了|懂了|了解了|没事了|没问题了|ok|okay|行|嗯嗯|收到|辛苦了|你们?|您|啦|呀|啊|哦/gi;
const ONLY_MARKS = /^[\s\p{P}\p{S}~～]*$/u;

export function detectServiceIntent(text: string): ServiceIntent | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (ACCOUNT_THEFT.test(t)) return 'accountTheft';
  if (COMPLAINT.test(t) && (MAKING_ONE.test(t) || !ABOUT_COMPLAINTS.test(t))) return 'complaint';
  if (isHumanRequest(t)) return 'human';
  if (ABUSE.test(t)) return 'abuse';
  const bare = t.replace(/[\p{P}\p{S}~～]/gu, '').trim();
  if (bare.length <= OFF_TOPIC_MAX && OFF_TOPIC.test(bare)) return 'offTopic';
  if (t.length <= 20 && ONLY_MARKS.test(t.replace(GREETING_WORDS, ''))) return 'greeting';
  if (t.length <= 20 && ONLY_MARKS.test(t.replace(THANKS_WORDS, ''))) return 'thanks';
  return undefined;
}
