// A merchant's settings. entryIcons.ts and flowSettings.ts are also entries of their own for the
// mini-program and console bundles, which must not pull in checkActionLinks' node:net.
export { MerchantSettings } from './MerchantSettings';
export { ActionLinkSettings } from './actionLinks';
export { checkActionLinks } from './checkActionLinks';
export { PresenceSettings } from './presenceSettings';
