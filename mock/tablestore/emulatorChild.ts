import { startTablestoreEmulator, type TablestoreEmulatorOptions } from './TablestoreEmulator';

/**
 * The emulator in a process of its own, as the service is across the network: for the kill -9
 * tests and for benchmarks, where an in-process emulator would take the CPU the app is measured
 * on. `node --import tsx emulatorChild.ts <file or -> <options as JSON>` (the options: keys, and
 * optionally `localTransactionsFor` names, `latencyMs` and a `port` to listen on) prints `{"url": ...}` on one line once
 * it listens, and runs until killed. `-` keeps the tables in memory only.
 */
async function main(): Promise<void> {
  const [file, options] = process.argv.slice(2);
  if (!file || !options) throw new Error('usage: emulatorChild.ts <file or -> <options json>');
  const parsed = JSON.parse(options) as Pick<TablestoreEmulatorOptions, 'instance' | 'accessKeyId' | 'accessKeySecret' | 'latencyMs'> & { localTransactionsFor?: string[]; port?: number };
  const server = await startTablestoreEmulator({ ...parsed, ...(file === '-' ? {} : { file }) });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  // Every answered write is already on disk: a stop is an exit (which also lets --cpu-prof write).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
