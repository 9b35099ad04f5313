export { hashPassword, temporaryPassword, verifyPassword, verifyUnknownAccount } from './passwordHash';
export { SessionTokens, type Principal, type Role, type VerifiedSession } from './sessionToken';
