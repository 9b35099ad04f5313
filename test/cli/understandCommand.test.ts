import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

function run(args: string[], input: string) {
  const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'bin/kefu.ts'), ...args], { input, encoding: 'utf8', cwd: root });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('kefu understand (CLI contract)', () => {
  it('writes one JSON line per input line, in order, with error lines for bad input', () => {
    const input = [
      JSON.stringify({ id: 'a', text: '昨天下午三点给138****转了350块,对方说没收到' }),
      'not json',
      '',
      JSON.stringify({ id: 'b', text: '' }),
      JSON.stringify({ id: 'c' }),
      JSON.stringify({ id: 'd', text: '长'.repeat(2001) }),
      JSON.stringify({ id: 'e', text: '我的手机13812345678,退款没到账' }),
    ].join('\n');
    const { status, lines } = run(['understand', '--now', '2026-11-23T10:30:00+08:00'], input);
    expect(status).toBe(0);
    expect(lines.map((l) => l['id'])).toEqual(['a', null, 'b', 'c', 'd', 'e']);
    expect(Object.keys(lines[0]!)).toEqual(['id', 'category', 'confidence', 'entities', 'masked']);
    expect(lines[0]).toMatchObject({ category: 'transfer' });
    expect((lines[0]!['entities'] as { type: string; value: unknown }[]).map((e) => e.type)).toEqual(['time', 'amount']);
    expect((lines[0]!['entities'] as { value: unknown }[])[0]!.value).toEqual({ start: '2026-11-22T15:00:00+08:00', end: '2026-11-22T15:59:59+08:00', grain: 'hour' });
    expect(lines[1]!['error']).toMatchObject({ code: 'INVALID_JSON' });
    expect(lines[2]!['error']).toMatchObject({ code: 'TEXT_EMPTY' });
    expect(lines[3]!['error']).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(lines[4]!['error']).toMatchObject({ code: 'TEXT_TOO_LONG' });
    expect(lines[5]).toMatchObject({ category: 'refund', masked: '我的手机138****5678,退款没到账' });
  });

  it('answers to its first name, kefu parse, the same', () => {
    const input = JSON.stringify({ id: 'a', text: '退款没到账' });
    const args = ['--now', '2026-11-23T10:30:00+08:00'];
    expect(run(['parse', ...args], input).stdout).toBe(run(['understand', ...args], input).stdout);
  });

  it('refuses an invalid --now with exit code 2 and a clear message', () => {
    const { status, stderr, stdout } = run(['understand', '--now', 'yesterday'], '{"id":"a","text":"x"}\n');
    expect(status).toBe(2);
    expect(stderr).toContain('INVALID_NOW');
    expect(stdout).toBe('');
  });

  it('prints usage for an unknown command', () => {
    const { status, stderr } = run(['nope'], '');
    expect(status).toBe(2);
    expect(stderr).toContain('未知命令');
  });
});
