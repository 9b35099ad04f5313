import type { Principal } from '../../shared/auth';
import type { Kefu } from '../../shared/app';

/** Everything a function's routes need: the Kefu instance `createKefu` built for this process. */
export type AppDeps = Kefu;

/** Per-request values set by the middleware. */
export interface AppVariables {
  requestId: string;
  /** `service_type` of the request's log line: the function that owns the route. */
  service: string;
  principal: Principal | undefined;
  /** Masked by the logger; what the user asked, when the request carries a question. */
  issue: string;
  /** The category the understanding step gave `issue`: the request log uses it instead of classifying again. */
  issueCategory: string;
}

export interface AppEnv {
  Variables: AppVariables;
}
