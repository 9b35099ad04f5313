import { startTablestoreEmulator } from './TablestoreEmulator';

/**
 * The emulator in a process of its own, for the kill -9 test: `node --import tsx emulatorChild.ts
 * <file> <keys as JSON>` prints `{"url": ...}` on one line once it listens, and runs until killed.
 */
async function main(): Promise<void> {
  const [file, keys] = process.argv.slice(2);
  if (!file || !keys) throw new Error('usage: emulatorChild.ts <file> <keys json>');
  const server = await startTablestoreEmulator({ ...(JSON.parse(keys) as { instance: string; accessKeyId: string; accessKeySecret: string }), file });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
