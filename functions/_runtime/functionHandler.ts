import { createFunctionApp, type RouteGroup } from '../_http/createFunctionApp';
import { deployedDeps, type MakeDeps } from './deployedDeps';
import { fcHandler, type FcHandler } from './fcHandler';
import { RoleCredentials } from './RoleCredentials';

/**
 * The deployed entry of one function: its routes behind the FC adapter, with dependencies built
 * from the environment on the first invocation and reused by the warm instance afterwards. Each
 * invocation's `context.credentials` is taken first, so the reused store signs with the current
 * role credentials, not the ones the instance started with.
 */
export function functionHandler(name: string, groups: readonly RouteGroup[], makeDeps: MakeDeps = deployedDeps): FcHandler {
  const role = new RoleCredentials();
  let handler: FcHandler | undefined;
  return (event, context) => {
    role.update(context);
    handler ??= fcHandler(createFunctionApp(name, makeDeps(role), ...groups));
    return handler(event, context);
  };
}
