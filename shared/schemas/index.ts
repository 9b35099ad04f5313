export { ajv, validatorFor } from './ajv';
export * from './messageSchema';
export * from './conversationSchema';
export * from './requestSchemas';
export * from './logRecordSchema';
export * from './ticketSchema';
export * from './faqSchema';
export * from './routingSchema';
export * from './merchantSchema';
