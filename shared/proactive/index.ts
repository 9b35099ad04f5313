export { ProactiveService, EVENT_WINDOW_SECONDS, type RequestMark, type SignedRequest } from './ProactiveService';
export { defaultProactiveRules } from './defaultProactiveRules';
