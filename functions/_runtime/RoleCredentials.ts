import type { TablestoreCredentials } from '../../shared/store/drivers';

/**
 * The function role's temporary credentials, as the latest invocation carried them.
 *
 * Function Compute obtains them with AssumeRole and hands them to every invocation as
 * `context.credentials` ({accessKeyId, accessKeySecret, securityToken}); they are valid for a
 * limited time (36 h, "上下文" for the Node.js runtime:
 * https://help.aliyun.com/en/functioncompute/context-1-1) and renewed before that, while a warm
 * instance may live on. The ALIBABA_CLOUD_* variables the config read at start are the instance's
 * first set, so the deployed entries feed each invocation's context in here and the drivers ask
 * `current` before every request.
 */
export class RoleCredentials {
  private latest: TablestoreCredentials | undefined;

  /** Takes the credentials of one invocation's context; a context without them changes nothing. */
  update(context: unknown): void {
    const found = credentialsOf(context);
    if (found) this.latest = found;
  }

  /** The newest credentials seen, or undefined before any invocation carried some (then the config's keys apply). */
  readonly current = (): TablestoreCredentials | undefined => this.latest;
}

function credentialsOf(context: unknown): TablestoreCredentials | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const credentials = (context as { credentials?: unknown }).credentials;
  if (typeof credentials !== 'object' || credentials === null) return undefined;
  const { accessKeyId, accessKeySecret, securityToken } = credentials as Record<string, unknown>;
  if (typeof accessKeyId !== 'string' || !accessKeyId || typeof accessKeySecret !== 'string' || !accessKeySecret) return undefined;
  return { accessKeyId, accessKeySecret, ...(typeof securityToken === 'string' && securityToken ? { securityToken } : {}) };
}
