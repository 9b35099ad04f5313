/**
 * `npm run deploy [-- <s options>]` and `npm run deploy:preview`: checks the deploying shell's
 * settings (shared/config/checkDeploySettings), picks s.yaml or s.vpc.yaml, and runs the
 * Serverless Devs CLI installed with the project (a devDependency, so no global `s` is needed and
 * everyone deploys with the same version). Keys come from `s config add` as usual.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkDeploySettings } from '../../shared/config';
import { isKefuError, KefuError } from '../../shared/errors';

const root = path.resolve(__dirname, '../..');
const usage = 'npm run deploy [-- <s deploy 的参数, 如 -y 或资源名>]\nnpm run deploy:preview   (s preview: 查看解析后的 s.yaml, 会显示其中的密钥)\n';

/** The `s` entry of the installed @serverless-devs/s. */
export function serverlessDevsBin(): string {
  return path.join(path.dirname(require.resolve('@serverless-devs/s/package.json')), 'bin', 's');
}

/**
 * Runs one s command on the checked template; returns its exit code. `env` is the deploying
 * shell's (process.env when left out) and is what `s` runs with.
 */
export function deploy(argv: readonly string[], io: { stderr: NodeJS.WritableStream }, env?: Readonly<Record<string, string | undefined>>): number {
  const [command, ...rest] = argv;
  if (command !== 'deploy' && command !== 'preview') {
    io.stderr.write(usage);
    return 2;
  }
  try {
    const settings = env ? checkDeploySettings(env) : checkDeploySettings();
    const missing = settings.certificateFiles.filter((f) => !existsSync(path.resolve(root, f)));
    if (missing.length) throw new KefuError('CONFIG_INVALID', `证书文件不存在: ${missing.join(', ')}`, { key: 'KEFU_DOMAIN_CERT' });
    const run = spawnSync(process.execPath, [serverlessDevsBin(), command, '-t', settings.template, ...rest], { cwd: root, stdio: 'inherit', ...(env ? { env } : {}) });
    return run.status ?? 1;
  } catch (err) {
    if (!isKefuError(err)) throw err;
    io.stderr.write(`${err.code}: ${err.message}\n\n见 docs/deploy.md。\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = deploy(process.argv.slice(2), { stderr: process.stderr });
