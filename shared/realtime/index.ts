export type { Notifier, Subscription } from './Notifier';
export { createInProcessNotifier } from './inProcessNotifier';
export { waitFor, type WaitForOptions } from './waitFor';
export { changedView, ViewCache, type ViewCacheOptions } from './ViewCache';
