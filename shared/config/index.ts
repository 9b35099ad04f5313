export { loadConfig, type KefuConfig } from './loadConfig';
export { configSchema } from './configSchema';
