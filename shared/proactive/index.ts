export { ProactiveService, EVENT_WINDOW_SECONDS, signEvent, type RequestMark, type SignedRequest } from './ProactiveService';
export { defaultProactiveRules } from './defaultProactiveRules';
