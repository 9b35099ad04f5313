// The audit log of staff actions.
export { AuditLog } from './AuditLog';
