export { hashPassword, verifyPassword } from './passwordHash';
export { SessionTokens, type Principal, type Role, type VerifiedSession } from './sessionToken';
