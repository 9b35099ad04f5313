export { loadConfig, type KefuConfig } from './loadConfig';
export { configSchema } from './configSchema';
export { checkDeploySettings } from './checkDeploySettings';
