// The composition root: createKefu picks the drivers; everything else receives a Kefu.
export type { Kefu } from './Kefu';
export { createKefu, type CreateKefuOptions } from './createKefu';
export { type Conversations, wireConversations } from './wireConversations';
