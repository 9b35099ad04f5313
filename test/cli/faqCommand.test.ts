import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-faq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(kb: unknown, input: string) {
  const file = path.join(dir, `kb-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(kb));
  const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'bin/kefu.ts'), 'faq', 'match', '--kb', file], { input, encoding: 'utf8', cwd: root });
  return { status: r.status, stderr: r.stderr, lines: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const kb = [
  { id: 'f1', category: 'credit', question: '借呗怎么还款', answer: '在借呗页面点击还款' },
  { id: 'f2', category: 'refund', question: '退款多久到账', answer: '一般1-3个工作日' },
];

describe('kefu faq match (CLI contract)', () => {
  it('answers each line in order with a decision and up to 5 scored matches', () => {
    const { status, lines } = run(kb, ['{"id":"a","text":"借贝怎么还"}', '{"id":"b","text":"转人工"}', 'oops', `{"id":"c","text":"${'长'.repeat(10000)}"}`].join('\n'));
    expect(status).toBe(0);
    expect(lines.map((l) => l['id'])).toEqual(['a', 'b', null, 'c']);
    expect(Object.keys(lines[0]!)).toEqual(['id', 'decision', 'matches']);
    expect((lines[0]!['matches'] as { faqId: string }[])[0]?.faqId).toBe('f1');
    expect(lines[1]).toMatchObject({ intent: 'human', decision: 'handoff' });
    expect(lines[2]!['error']).toMatchObject({ code: 'INVALID_JSON' });
    expect(lines[3]!['error']).toMatchObject({ code: 'TEXT_TOO_LONG' });
  });

  it('decides as the bot does: intents before the FAQ, the FAQ ranking kept', () => {
    const { lines } = run(kb, ['{"id":"g","text":"你好,在吗"}', '{"id":"c","text":"借呗还款太慢了我要投诉"}', '{"id":"o","text":"今天天气怎么样"}'].join('\n'));
    expect(lines.map((l) => [l['intent'], l['decision']])).toEqual([['greeting', 'reply'], ['complaint', 'handoff'], ['offTopic', 'handoff']]);
    expect((lines[1]!['matches'] as { faqId: string }[])[0]?.faqId).toBe('f1');
  });

  it('hands every query off for an empty knowledge base, without an error', () => {
    const { status, lines } = run([], '{"id":"a","text":"借呗怎么还款"}\n');
    expect(status).toBe(0);
    expect(lines).toEqual([{ id: 'a', decision: 'handoff', matches: [] }]);
  });

  it('refuses duplicate ids and entries missing fields, naming the entry', () => {
    const dup = run([...kb, { ...kb[0] }], '');
    expect(dup.status).toBe(2);
    expect(dup.stderr).toContain('id 重复');
    const missing = run([{ id: 'x', question: 'q' }], '');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('第 1 条缺少字符串字段 category');
  });
});
