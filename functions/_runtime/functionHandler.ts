import { loadConfig } from '../../shared/config';
import { createFunctionApp, type RouteGroup } from '../_http/createFunctionApp';
import type { AppDeps } from '../_http/AppDeps';
import { createDeps } from './createDeps';
import { fcHandler, type FcHandler } from './fcHandler';

/**
 * The deployed entry of one function: its routes behind the FC adapter, with dependencies built
 * from the environment on the first invocation and reused by the warm instance afterwards.
 */
export function functionHandler(name: string, groups: readonly RouteGroup[], makeDeps: () => AppDeps = () => createDeps(loadConfig())): FcHandler {
  let handler: FcHandler | undefined;
  return (event, context) => {
    handler ??= fcHandler(createFunctionApp(name, makeDeps(), ...groups));
    return handler(event, context);
  };
}
