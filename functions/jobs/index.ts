import { timerHandler } from '../_runtime/timerHandler';
import { runJobs } from './runJobs';

/** Function Compute entry (handler: index.handler), fired by the timer trigger every minute. */
export const handler = timerHandler((deps) => runJobs(deps));
