import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { KefuConfig } from '../../shared/config';
import { KefuError } from '../../shared/errors';
import { createLogger, devLogDestination, type Logger } from '../../shared/log';
import type { Store } from '../../shared/store';
import { seedDemoTenant } from '../../mock/seed/seedDemoTenant';
import { createFunctionApp, type RouteGroup } from '../../functions/_http/createFunctionApp';
import type { PlatformBindings } from '../../functions/_http/clientAddress';
import { type Kefu, createKefu } from '../../shared/app';
import { allRoutes } from './allRoutes';
import { h5Routes } from '../../functions/web/h5Routes';
import { consoleRoutes } from '../../functions/web/consoleRoutes';
import { runJobs } from '../../functions/jobs/runJobs';
import { staticCustomerData } from '../../shared/customer';
import { demoCustomerEvents } from '../../mock/seed/demoCustomerEvents';
import { demoCustomers } from '../../mock/seed/demoCustomers';
import { devIndexRoutes } from './devIndexRoutes';

export interface DevServer {
  readonly url: string;
  readonly deps: Kefu;
  /**
   * The same app without a socket: a request handled in-process, with the bindings a platform
   * adapter would pass (the client's address). Tests that need no real connection use it.
   */
  fetch(request: Request, bindings?: PlatformBindings): Promise<Response>;
  /** True when this start seeded the demo merchant (first start on an empty data folder). */
  readonly seeded: boolean;
  /** The request log, when this server writes its own (no logger given). */
  readonly logFile?: string;
  close(): Promise<void>;
}

export interface DevServerOptions {
  /** Default: every line to `<data>/logs/requests.log`, warnings and errors also to stderr. */
  readonly logger?: Logger;
  readonly store?: Store;
  readonly recheckMs?: number;
  /** The conversations' and the demo data's clock (default: the system's). */
  readonly clock?: () => Date;
}

/**
 * The local system: every function's routes in one Node server on the embedded store, exactly the
 * apps that are deployed, plus the demo merchant on first start.
 */
/** Every route group the dev server mounts, in order: every function's, the dev index, the H5 page and the console. */
export function devRouteGroups(consoleDir = path.resolve(__dirname, '../../web/console/dist')): RouteGroup[] {
  return [...Object.values(allRoutes), devIndexRoutes, h5Routes(), consoleRoutes(consoleDir)];
}

export async function startDevServer(config: KefuConfig, options: DevServerOptions = {}): Promise<DevServer> {
  mkdirSync(config.dataDir, { recursive: true });
  // ~50 request lines a minute would scroll the banner away: they go to a file in the data folder.
  const logDestination = options.logger ? undefined : devLogDestination(config.dataDir);
  const deps = createKefu(config, {
    ...(logDestination ? { logger: createLogger({ service: 'local', level: config.logLevel, destination: logDestination.stream }) } : {}),
    tokenSecret: config.tokenSecret ?? localTokenSecret(config.dataDir),
    // The demo merchant's systems, standing in for a merchant's customer-data API.
    customers: staticCustomerData(demoCustomerEvents, options.clock, demoCustomers),
    ...options,
  });
  const seeded = await seedDemoTenant(deps);
  const app = createFunctionApp('local', deps, ...devRouteGroups());

  let server: ServerType;
  try {
    server = await listen(app.fetch, config.host, config.port);
  } catch (err) {
    await deps.store.close();
    throw err;
  }
  // The jobs function's timer, as an interval: one sweep at a time, never overlapping itself.
  let sweeping: Promise<void> | undefined;
  const timer =
    config.jobsIntervalMs > 0
      ? setInterval(() => {
          sweeping ??= runJobs(deps)
            .then(() => undefined)
            .catch((err: unknown) => deps.logger.error({ err, function: 'jobs' }, 'jobs sweep failed'))
            .finally(() => {
              sweeping = undefined;
            });
        }, config.jobsIntervalMs)
      : undefined;
  timer?.unref();
  const address = server.address() as AddressInfo;
  const url = `http://${config.host}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    deps,
    fetch: async (request, bindings) => app.fetch(request, bindings ?? {}),
    seeded,
    ...(logDestination ? { logFile: logDestination.file } : {}),
    close() {
      if (timer) clearInterval(timer);
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Long-polls would hold the server open for up to their timeout; cut them now.
        if ('closeAllConnections' in server) server.closeAllConnections();
      })
        .then(() => sweeping)
        .then(() => deps.store.close());
      return closing;
    },
  };
}

function listen(fetch: (req: Request) => Response | Promise<Response>, hostname: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(new KefuError('PORT_IN_USE', `端口 ${port} 已被占用 (${hostname}:${port})。请先停止另一个实例,或用 PORT=其他端口 npm run dev`, { port }));
      } else {
        reject(err);
      }
    });
  });
}

/** A random session secret kept in the data folder, so restarts keep everyone logged in. */
function localTokenSecret(dataDir: string): string {
  const file = path.join(dataDir, 'token-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
