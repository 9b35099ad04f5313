/** What GET /v1/agent/customers/:id answers: the customer beside the conversation. */
export interface CustomerView {
  available: boolean;
  profile?: { userId: string; name: string; vipTier: number; phone: string; city: string };
  transactions: { id: string; at: string; amountFen: number; type: string; counterparty: string; status: string; city: string; deviceId: string; flags: { reason: string; text: string }[] }[];
  devices: { id: string; model: string; trusted: boolean; current: boolean; lastSeenAt: string }[];
  fingerprint?: { currentDeviceId: string; rows: { attribute: string; current: string; trusted: { deviceId: string; value: string; differs: boolean }[] }[] };
  loginsByProvince: Record<string, number>;
  pastConversations?: { id: string; status: string; createdAt: string; category?: string; preview: string; rating?: number }[];
}
