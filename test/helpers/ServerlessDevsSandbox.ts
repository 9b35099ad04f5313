import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serverlessDevsBin } from '../../scripts/deploy/deploy';

/**
 * Runs the project's own Serverless Devs CLI (@serverless-devs/s, a devDependency) offline, for
 * tests: `s preview` renders a template exactly as `s deploy` would hand it to the components
 * (variables, `extend` templates, the s.vpc.yaml file extend, `${resources.x.props.y}`), and needs
 * neither the network nor the fc3/fc3-domain components, which `s` would download from its own
 * registry only to run them.
 *
 * Everything runs in a fresh config home (`serverless_devs_config_home`) with placeholder keys
 * added by `s config add`, so the developer's real ~/.s is never read, and with NODE_ENV=test, under
 * which `s` starts none of its background daemons (update check, usage report).
 */
export class ServerlessDevsSandbox {
  readonly home = mkdtempSync(path.join(os.tmpdir(), 'kefu-s-'));
  /** The account id the placeholder keys carry; s.yaml builds the role ARN from it. */
  static readonly accountId = '1234567890123456';

  constructor(private readonly cwd: string) {
    const added = this.run(['config', 'add', '--AccessKeyID', 'LTAI-placeholder', '--AccessKeySecret', 'placeholder-secret', '--AccountID', ServerlessDevsSandbox.accountId, '-a', 'default'], {});
    if (added.status !== 0) throw new Error(`s config add failed: ${added.output}`);
  }

  /** `s preview -t <template> -o json` with exactly these variables set; the rendered document, or the failure. */
  preview(template: string, vars: Readonly<Record<string, string>>): { ok: true; document: PreviewDocument } | { ok: false; status: number; output: string } {
    const result = this.run(['preview', '-t', template, '-o', 'json'], vars);
    if (result.status !== 0) return { ok: false, status: result.status, output: result.output };
    // `s` prints a warning line (running as root) before the JSON on stdout.
    const start = result.stdout.indexOf('\n{');
    const json = result.stdout.startsWith('{') ? result.stdout : result.stdout.slice(start + 1);
    return { ok: true, document: JSON.parse(json) as PreviewDocument };
  }

  close(): void {
    rmSync(this.home, { recursive: true, force: true });
  }

  private run(args: readonly string[], vars: Readonly<Record<string, string>>) {
    // A clean environment: nothing of the developer's shell (KEFU_*, ALIBABA_CLOUD_*) leaks in.
    const env = { HOME: this.home, serverless_devs_config_home: this.home, NODE_ENV: 'test', TZ: 'UTC', ...vars };
    const r = spawnSync(process.execPath, [serverlessDevsBin(), ...args], { cwd: this.cwd, env, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status ?? -1, stdout: r.stdout, output: `${r.stdout}${r.stderr}` };
  }
}

export interface PreviewResource {
  component: string;
  extend?: { name: string };
  props: Record<string, unknown>;
}

export interface PreviewDocument {
  edition: string;
  name: string;
  access: string;
  vars: Record<string, unknown>;
  template: Record<string, Record<string, unknown>>;
  resources: Record<string, PreviewResource>;
}
