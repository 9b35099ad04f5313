import { loadConfig } from '../../shared/config';
import type { AppDeps } from '../_http/AppDeps';
import { createKefu } from '../../shared/app';
import type { RoleCredentials } from './RoleCredentials';

/** Builds a deployed function's dependencies; `role` holds the latest invocation's role credentials. */
export type MakeDeps = (role: RoleCredentials) => AppDeps;

/**
 * The deployed default (functionHandler, timerHandler): settings parsed once from the environment,
 * Tablestore signed with the role credentials of the current invocation.
 */
export const deployedDeps: MakeDeps = (role) => createKefu(loadConfig(), { roleCredentials: role.current });
