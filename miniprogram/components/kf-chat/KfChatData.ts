import { chatTexts, type ChatItem } from '../../../shared/client';
import { MAX_TEXT_LENGTH } from '../../../shared/schemas/limits';

type Texts = ReturnType<typeof chatTexts>;
/** The labels the template prints (the functions of the text table are called in TypeScript). */
export type Labels = { readonly [K in keyof Texts as Texts[K] extends string ? K : never]: string };

/** Without Object.fromEntries (ES2019): built-ins stay within ES2017 (miniprogram/tsconfig.json), which every client engine has. */
export function labels(t: Texts): Labels {
  const out: Record<string, string> = {};
  for (const key of Object.keys(t) as (keyof Texts)[]) {
    const value = t[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out as Labels;
}

/** Everything kf-chat's template reads, computed in TypeScript (no SJS). */
export type KfChatData = {
  shown: boolean;
  t: Labels;
  items: ChatItem[];
  banner: string;
  queueText: string;
  notice: string;
  agentText: string;
  ready: boolean;
  media: boolean;
  /** Older history to load: the current conversation's earlier pages or an earlier conversation. */
  moreBefore: boolean;
  /** The older-history link names what it loads (查看更早的消息 or 查看更早的会话). */
  olderText: string;
  loadingOlder: boolean;
  /** 转人工 only while the bot holds the conversation; 留言 while waiting for a human. */
  canAskHuman: boolean;
  canLeaveMessage: boolean;
  /** The input's limit (the server's), and the live counter from 1,800 characters. */
  maxLength: number;
  counterText: string;
  counterFull: boolean;
  /** The "+" panel (pictures, 留言) is open; it has something to offer. */
  panelOpen: boolean;
  hasPanel: boolean;
  /** The recording overlay: 0:07, and the countdown in the last ten seconds. */
  recordClock: string;
  recordRemaining: string;
  /** The microphone's level, 0-100 (% of the bar). */
  recordLevel: number;
  /** The 留言 sheet. */
  leaveOpen: boolean;
  leaveContact: 'chat' | 'phone';
  leavePhone: string;
  leaveText: string;
  /** The conversation the rating card belongs to: a new one starts from a blank card. */
  ratingFor: string;
  scrollInto: string;
  inputValue: string;
  inputMode: 'text' | 'voice';
  recording: boolean;
  recordCancel: boolean;
  /** 有回复时通知我 is offered (a human is taking over and the merchant set up reply notices). */
  notifyOffer: boolean;
  showRating: boolean;
  stars: { value: number; on: boolean }[];
  /** Empty until a star is picked, then praise (4-5) or what to improve (1-3): ratingTags. */
  tags: { text: string; on: boolean }[];
  tagsTitle: string;
  complaint: boolean;
  comment: string;
};

const zh = chatTexts('zh-CN');

export function ratingDefaults(): Pick<KfChatData, 'stars' | 'tags' | 'tagsTitle' | 'complaint' | 'comment'> {
  return { stars: [1, 2, 3, 4, 5].map((value) => ({ value, on: false })), tags: [], tagsTitle: '', complaint: false, comment: '' };
}

/** kf-chat's data before it is shown: Chinese labels until onInit reads the locale prop. */
export const initialData: KfChatData = {
  shown: false,
  t: labels(zh),
  items: [],
  banner: '',
  queueText: '',
  notice: '',
  agentText: '',
  ready: false,
  media: false,
  moreBefore: false,
  olderText: zh.loadOlder,
  loadingOlder: false,
  canAskHuman: true,
  canLeaveMessage: false,
  maxLength: MAX_TEXT_LENGTH,
  counterText: '',
  counterFull: false,
  panelOpen: false,
  hasPanel: false,
  recordClock: '0:00',
  recordRemaining: '',
  recordLevel: 0,
  leaveOpen: false,
  leaveContact: 'chat',
  leavePhone: '',
  leaveText: '',
  ratingFor: '',
  scrollInto: '',
  inputValue: '',
  inputMode: 'text',
  recording: false,
  recordCancel: false,
  notifyOffer: false,
  showRating: false,
  ...ratingDefaults(),
};

