import { runRoutingJobs } from '../../shared/routing/runRoutingJobs';
import { timerHandler } from '../_runtime/timerHandler';

/** Function Compute entry (handler: index.handler), fired by the timer trigger every minute. */
export const handler = timerHandler((deps) => runRoutingJobs(deps));
