export { createLogger, type Logger, type LoggerOptions } from './createLogger';
export { serviceTypeOfCategory, serviceTypeOfText, isServiceType } from './serviceType';
export { validateLogLine } from './validateLogLine';
export { onLogLine } from './lineChecks';
export { devLogDestination, type DevLogDestination } from './devLogDestination';
