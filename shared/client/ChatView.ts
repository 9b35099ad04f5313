import type { UploadAttempt } from './ApiClient';
import type { Message } from '../schemas';
import type { ChatState } from './conversationReducer';
import type { ActionLinks } from './actionLinks';

/** A conversation that ended before the current one: shown above it, read-only. */
export interface EarlierConversation {
  readonly conversationId: string;
  readonly messages: readonly Message[];
}

export interface PredictedQuestion {
  readonly faqId: string;
  readonly question: string;
}

/** Everything a chat window needs to draw itself; the same for the mini-program and the H5 page. */
export interface ChatView {
  readonly chat: ChatState;
  readonly conversationId: string;
  /** 猜你想问, shown while the conversation has no messages. */
  readonly predicted: readonly PredictedQuestion[];
  /** The latest problem to tell the user (refused input, a failed action); empty when none. */
  readonly notice: string;
  /** The device says it has no network: the banner says 网络已断开, not 客服繁忙, and sends wait. */
  readonly offline: boolean;
  /** The conversation is open and the event loop runs. */
  readonly ready: boolean;
  readonly loadingOlder: boolean;
  /** The agent serving now, once a human has joined. */
  readonly agentName?: string;
  /** The backend takes voice and images (`GET /v1/auth/methods`); the buttons show only then. */
  readonly media: boolean;
  /**
   * Message templates to offer with 有回复时通知我 while waiting for or talking to a human; empty
   * when there is nothing to offer (not the mini-program, not set up, already subscribed, answered).
   */
  readonly notifyTemplates: readonly string[];
  /** Ended conversations shown above the current one, oldest first. */
  readonly earlier: readonly EarlierConversation[];
  /** Older history to load (the current conversation's earlier pages, or an earlier conversation). */
  readonly moreEarlier: boolean;
  /** 转人工 is offered: only while the bot holds the conversation (or a new one would start). */
  readonly canAskHuman: boolean;
  /** 留言 is offered: while waiting for a human (outside service hours too), until one was left. */
  readonly canLeaveMessage: boolean;
  /** The H5 address of FAQ actions by mini-program page (H5 only; the mini-program opens the page). */
  readonly actionLinks: ActionLinks;
}

/** A voice recording or picture on the device, uploaded by the platform's own file upload. */
export interface MediaUpload {
  readonly kind: 'voice' | 'image';
  /** Shown in the pending bubble until the server's message replaces it. */
  readonly label: string;
  /**
   * Sends the file to the given URL of `/v1/media` (the origin in use: the backup while the primary
   * is down) with the session header and the conversation id as a form field; resolves with the
   * HTTP answer, rejects when none came back.
   */
  readonly upload: (conversationId: string) => UploadAttempt;
}

export interface RatingInput {
  readonly stars: number;
  readonly tags?: readonly string[];
  readonly comment?: string;
  readonly complaint?: boolean;
}

/** What the user leaves instead of waiting: the question and how to be answered. */
export interface LeaveMessageInput {
  readonly text: string;
  /** `chat`: the reply comes into this chat; `phone`: an agent calls back (the number given). */
  readonly contact: 'chat' | 'phone';
  readonly phone?: string;
}
