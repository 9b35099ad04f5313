export {
  AccountService,
  SYSTEM_TENANT,
  type StaffRecord,
  type StaffRole,
  type UserRecord,
  type NewStaff,
  type Session,
} from './AccountService';
