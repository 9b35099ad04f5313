export {
  AccountService,
  SYSTEM_TENANT,
  type StaffRecord,
  type StaffRole,
  type StaffView,
  type UserRecord,
  type NewStaff,
  type Session,
  type UserView,
  type AccountServiceOptions,
} from './AccountService';
export type { LoginLock, ThrottlePolicy } from './LoginThrottle';
export { TenantOnboarding } from './TenantOnboarding';
