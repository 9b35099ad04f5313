// The Alipay port and its error handling. The SDK adapters (AlipaySdkOpenApi, AlipaySdkTradeLookup)
// are entries of their own: createKefu requires alipay-sdk only when Alipay is configured.
export { AlipayAuthError, type AlipayIdType, type AlipayOpenApi, type AlipayRecipient } from './AlipayOpenApi';
export { classifySendError } from './classifySendError';
export { AlipayLogin } from './AlipayLogin';
