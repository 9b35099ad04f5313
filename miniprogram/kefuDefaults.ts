/**
 * Where the components find the backend when the host page does not say. The build replaces
 * `KEFU_BUILD_API` with the origin given to `npm run build:mini -- --api <origin>` (default: the
 * local dev server), so a merchant's release points at its own deployment.
 */
declare const KEFU_BUILD_API: string;
declare const KEFU_BUILD_BACKUP: string;

export const defaultApiOrigin: string = typeof KEFU_BUILD_API === 'string' ? KEFU_BUILD_API : 'http://127.0.0.1:8787';
export const defaultBackupOrigin: string = typeof KEFU_BUILD_BACKUP === 'string' ? KEFU_BUILD_BACKUP : '';
export const defaultTenant = 'demo';
