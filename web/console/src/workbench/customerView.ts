import type { CustomerPanelView } from '../../../../shared/customer';

/** What GET /v1/agent/customers/:id answers (shared/customer/CustomerPanel). */
export type CustomerAnswer = CustomerPanelView;
/** The answer when the merchant's systems answered: the customer beside the conversation. */
export type CustomerView = Extract<CustomerPanelView, { available: true }>;
