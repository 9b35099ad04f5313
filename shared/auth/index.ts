export { hashPassword, verifyPassword } from './passwordHash';
export { SessionTokens, type Principal, type Role } from './sessionToken';
