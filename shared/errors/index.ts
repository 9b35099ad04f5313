export { errorCatalogue, statusOf, isErrorCode, type ErrorCode } from './errorCatalogue';
export { KefuError, isKefuError } from './KefuError';
