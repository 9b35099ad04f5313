export { GuardedFetcher, type GuardedFetcherOptions } from './GuardedFetcher';
export { checkMerchantUrl, type MerchantUrlPolicy } from './checkMerchantUrl';
