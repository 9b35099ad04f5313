// The chat client shared by the H5 page and the mini-program: platform-free, no node:* and no
// schema library (it takes types from shared/schemas and its limits from shared/schemas/limits).
export { ApiError, type ConnectionState } from './ApiClient';
export { ChatSession } from './ChatSession';
export type { ChatView } from './ChatView';
export type { KeyValueStorage, Transport, TransportRequest, TransportResponse } from './Transport';
export { recordingClock, VoicePress } from './VoicePress';
export { applyConversationEvents, newerConversation } from './applyConversationEvents';
export { type ChatItem, type ChatItemAction, chatItems } from './chatItems';
export { chatLogin } from './chatLogin';
export { type ChatLocale, chatTexts, type ChatTexts } from './chatText';
export { composerCounter } from './composerCounter';
export { connectionBanner } from './connectionBanner';
export { imageProblem, RECORDING_LIMIT_MS, recordingProblem } from './mediaChecks';
export { mediaUpload, type SendFile } from './mediaUpload';
export { mediaLabel, ratingText } from './messageLabel';
export { placeLine, queueLine } from './queueLine';
export { ratingTags } from './ratingTags';
