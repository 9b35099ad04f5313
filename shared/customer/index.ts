// The merchant's customer data port, its HTTP and static sources and the Alipay trade lookup port.
export { type AlipayTrade, type AlipayTradeLookup, type AlipayTradeStatus, type RefundQueryResult, type TradeLookupFailure, type TradeQueryResult, type TradeRef, tradeRefOf } from './AlipayTradeLookup';
export type { CustomerData, CustomerDevice, CustomerEvent, CustomerEventType, CustomerLogin, CustomerRecord, CustomerTransaction } from './CustomerData';
export { type CustomerApiEndpoint, HttpCustomerData } from './HttpCustomerData';
export { type CustomerEventSource, type CustomerRecordSource, staticCustomerData } from './staticCustomerData';
export { type TradeAwareCustomerData, withAlipayTrades } from './withAlipayTrades';
export { CustomerPanel, type CustomerPanelView } from './CustomerPanel';
