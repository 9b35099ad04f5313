import type { ChatSession, ChatView, SendFile, chatTexts, VoicePress } from '../../../shared/client';
import type { RecorderFailure, Recording, VoiceRecorder } from '../../lib/jsapi/getRecorderManager';
import type { KfChatData } from './KfChatData';
import type { KfChatProps } from './props';

export type Texts = ReturnType<typeof chatTexts>;

export interface TapEvent {
  readonly currentTarget: { readonly dataset: Record<string, string | number | undefined> };
}
export interface TouchEvent {
  readonly touches: readonly { readonly clientY: number }[];
}
export interface InputEvent {
  readonly detail: { readonly value: string };
}

export interface Methods {
  open(): void;
  render(view: ChatView): void;
  countUnread(view: ChatView): void;
  handleClose(): void;
  handleInput(e: InputEvent): void;
  handleSend(): Promise<void>;
  handleHuman(): Promise<void>;
  handleRetry(e: TapEvent): Promise<void>;
  handleFeedback(e: TapEvent): Promise<void>;
  handleSelect(e: TapEvent): Promise<void>;
  handleReply(e: TapEvent): Promise<void>;
  handleStopProactive(): Promise<void>;
  handleAction(e: TapEvent): void;
  handleLoadOlder(): Promise<void>;
  handleStar(e: TapEvent): void;
  handleTag(e: TapEvent): void;
  handleComplaint(): void;
  handleComment(e: InputEvent): void;
  handleSubmitRating(): Promise<void>;
  handleToggleMode(): void;
  handleTogglePanel(): void;
  handleVoiceStart(e: TouchEvent): void;
  handleVoiceMove(e: TouchEvent): void;
  handleVoiceEnd(): void;
  handleVoiceCancel(): void;
  drawRecording(): void;
  endRecordingView(): void;
  onRecorded(recording: Recording): Promise<void>;
  onRecordFailed(failure: RecorderFailure): void;
  handleNotify(): Promise<void>;
  handlePickImage(): Promise<void>;
  handleLeaveOpen(): void;
  handleLeaveClose(): void;
  handleLeaveContact(e: TapEvent): void;
  handleLeavePhone(e: InputEvent): void;
  handleLeaveText(e: InputEvent): void;
  handleLeaveSubmit(): Promise<void>;
  sendFile(kind: 'voice' | 'image', filePath: string): SendFile;
  setNotice(text: string): void;
}

export interface Extra {
  session?: ChatSession;
  texts: Texts;
  recorder?: VoiceRecorder;
  press: VoicePress;
  /** The overlay's clock while recording. */
  recordTicker?: number;
  discardRecording: boolean;
  /** Replies seen while shown, and the count of replies in the view at the last render. */
  unread: number;
  repliesInView: number;
  lastViewNotice: string;
  offline: boolean;
  stopNetworkWatch?: () => void;
  stopAppShowWatch?: () => void;
  lastItemCount: number;
}

/** `this` inside kf-chat's methods, for the method groups kept in their own files. */
export type KfChatThis = { data: KfChatData; props: Readonly<KfChatProps>; setData(patch: Partial<KfChatData>): void } & Methods & Extra;
