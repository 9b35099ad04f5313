/**
 * The `kefu` command line: `npm run --silent kefu -- <command> [options]`. Each command lives in
 * bin/commands/ and takes its arguments and stdio, so tests can run it in-process.
 */
import { faqCommand, faqUsage } from './commands/faqCommand';
import { understandCommand, understandUsage, type CommandIo } from './commands/understandCommand';
import { storeCommand, storeUsage } from './commands/storeCommand';
import { tenantCommand, tenantUsage } from './commands/tenantCommand';

type Command = (args: readonly string[], io: CommandIo) => Promise<number>;

const commands: Readonly<Record<string, { run: Command; usage: string }>> = {
  understand: { run: understandCommand, usage: understandUsage },
  faq: { run: faqCommand, usage: faqUsage },
  store: { run: (args, io) => storeCommand(args, io), usage: storeUsage },
  tenant: { run: (args, io) => tenantCommand(args, io), usage: tenantUsage },
};

/** First names still answered: `kefu parse` is `kefu understand`. */
const aliases: Readonly<Record<string, string>> = { parse: 'understand' };

const usage = `kefu <命令>\n\n${Object.values(commands)
  .map((c) => c.usage)
  .join('\n\n')}\n`;

export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage);
    return name ? 0 : 2;
  }
  const command = commands[aliases[name] ?? name];
  if (!command) {
    io.stderr.write(`未知命令: ${name}\n\n${usage}`);
    return 2;
  }
  return command.run(args, io);
}

if (require.main === module) {
  main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`kefu: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
