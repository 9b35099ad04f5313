// The TypeBox schemas and their types. The validator (ajv) is in ./ajv.ts; the limits the bundles
// need without TypeBox are in ./limits.ts.
export * from './messageSchema';
export * from './conversationSchema';
export * from './requestSchemas';
export * from './logRecordSchema';
export * from './ticketSchema';
export * from './faqSchema';
export * from './flowSchema';
export * from './routingSchema';
export * from './merchantSchema';
export * from './proactiveSchema';
export * from './notifySchema';
export * from './tenantSchema';
export { CannedRepliesRequest, defaultCannedReplies } from './cannedReplies';
export { FaqGapDismissRequest, FaqGapNewEntryRequest, FaqGapSimilarRequest } from './faqGapSchema';
export { StaffRoleRequest } from './staffAdminSchema';
