/**
 * `npm run bench:flows [-- --json]`: the scripted users of scripts/bench/flowBenchCases.ts through the
 * real system (the local server's composition, demo merchant and demo customer data, embedded
 * store in memory), each in a new conversation, and the share of cases that reached the right
 * transaction with the right answer: the flow's status card about the expected transaction, the
 * one question for a missing detail, the hand-off with the flow's context, or the FAQ's answer
 * for a question that is no flow's. Prints a table per expected outcome and one JSON with --json.
 * Seven sets, reported apart, in the order they were written: each written without reading the
 * flows' code after their last change, run once, and (all but the newest) then used to fix what
 * it showed. The target is met when every set reaches it; the newest set is the one that counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import type { Conversation, ConversationEvent, MessageBody } from '../../shared/schemas';
import type { Principal } from '../../shared/auth';
import { startDevServer } from '../dev/devServer';
import { flowCases, flowHeldOutCases, flowThirdCases, flowUnseenCases, type Expected, type FlowCase } from './flowBenchCases';
import { flowFreshCases } from './flowFreshCases';
import { flowFresh2Cases } from './flowFresh2Cases';
import { flowFresh3Cases } from './flowFresh3Cases';

const json = process.argv.includes('--json');
const TARGET = 0.9;

type Outcome = { readonly right: boolean; readonly got: string };

const kindOf = (e: Expected): string => ('card' in e ? `card:${e.card}` : 'ask' in e ? 'ask' : 'handoff' in e ? 'handoff' : 'faq');

function judge(expected: Expected, last: MessageBody | undefined, conversation: Conversation): Outcome {
  const card = last?.type === 'statusCard' ? last : undefined;
  const got =
    conversation.handoff?.reason === 'flowUnsettled'
      ? `handoff:${conversation.handoff.flow?.flow ?? '?'}`
      : card
        ? `card:${card.flow}${card.transaction ? `:${card.transaction.id}` : ''}`
        : conversation.botFlow
          ? `ask:${conversation.botFlow.flow}`
          : `faq:${last?.type ?? conversation.status}`;
  if ('card' in expected) return { right: card?.flow === expected.card && card.transaction?.id === expected.transaction, got };
  if ('ask' in expected) return { right: conversation.botFlow?.flow === expected.ask && conversation.botFlow.step === 'missing', got };
  if ('handoff' in expected) return { right: conversation.handoff?.reason === 'flowUnsettled' && conversation.handoff.flow?.flow === expected.handoff, got };
  return { right: !card && last?.type !== 'choices' && !conversation.botFlow && conversation.handoff?.reason !== 'flowUnsettled', got };
}

type Result = { case: FlowCase; outcome: Outcome };

/** The sets in the order they were written; `at`: the instant a set's relative times (昨天下午三点多) were written for. */
interface BenchSet {
  readonly name: string;
  readonly cases: readonly FlowCase[];
  readonly prefix: string;
  readonly at?: string;
}

// First runs: the fourth 85.0 %; fresh 62.1 % (then used to fix the flows: 100 %); fresh2 81.6 %
// (then fixed by a session that had not seen fresh3: 91.8 %); fresh3 95.6 %.
const sets: readonly BenchSet[] = [
  { name: 'first', cases: flowCases, prefix: 'b' },
  { name: 'second', cases: flowHeldOutCases, prefix: 'h' },
  { name: 'third', cases: flowThirdCases, prefix: 't' },
  { name: 'fourth', cases: flowUnseenCases, prefix: 'u' },
  { name: 'fresh', cases: flowFreshCases, prefix: 'f', at: '2026-12-01T20:05:00Z' },
  { name: 'fresh2', cases: flowFresh2Cases, prefix: 'g', at: '2026-12-01T20:11:30Z' },
  { name: 'fresh3', cases: flowFresh3Cases, prefix: 'k', at: '2026-12-01T21:30:00Z' },
];

/**
 * One set through a local system of its own, whose clock (conversations and the demo data) starts
 * at the set's instant and runs on from there, so the set reads the same on any day.
 */
async function runSet(set: BenchSet): Promise<Result[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-flows-'));
  const config = loadConfig({}, { PORT: '0', KEFU_DATA_DIR: dataDir, KEFU_STORE: 'memory', KEFU_DEV_LOGIN: 'true', KEFU_OCR: 'off' });
  const offset = set.at ? Date.parse(set.at) - Date.now() : 0;
  const server = await startDevServer(config, {
    logger: createLogger({ service: 'bench', level: 'error', destination: pino.destination({ dest: path.join(dataDir, 'log'), sync: true }) }),
    ...(set.at ? { clock: () => new Date(Date.now() + offset) } : {}),
  });
  const { conversations, accounts } = server.deps;
  // What happened is read as the merchant's admin reads it: through the queries, unmasked.
  const admin: Principal = { tenant: 'demo', id: 'admin', role: 'admin' };
  const results: Result[] = [];
  try {
    for (const [n, c] of set.cases.entries()) {
      const session = await accounts.devUserLogin('demo', c.user);
      const conversation = await conversations.users.create(session.principal, 'miniprogram');
      let last: MessageBody | undefined;
      let cursor = 0;
      for (const [i, turn] of c.turns.entries()) {
        const text = typeof turn === 'string' ? turn : last?.type === 'choices' ? last.items.find((item) => item.label.includes(turn.tap))?.text : undefined;
        if (text === undefined) break;
        await conversations.users.sendText(session.principal, conversation.id, `${set.prefix}${n}-${i}`, text);
        const page = await conversations.queries.events(admin, conversation.id, cursor);
        cursor = page.cursor;
        const said = page.events.filter((e): e is Extract<ConversationEvent, { type: 'message' }> => e.type === 'message' && e.message.sender.role === 'bot');
        last = said[said.length - 1]?.message.body ?? last;
      }
      const stored = await conversations.queries.get(admin, conversation.id);
      results.push({ case: c, outcome: judge(c.expected, last, stored) });
    }
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

async function main(): Promise<void> {
  const ran: Result[][] = [];
  for (const set of sets) ran.push(await runSet(set));
  const all = ran.flat();
  const groups = new Map<string, { cases: number; right: number }>();
  for (const r of all) {
    const g = groups.get(kindOf(r.case.expected)) ?? { cases: 0, right: 0 };
    groups.set(kindOf(r.case.expected), { cases: g.cases + 1, right: g.right + (r.outcome.right ? 1 : 0) });
  }
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  const wrongOf = (list: readonly Result[]) => list.filter((r) => !r.outcome.right).map((r) => ({ user: r.case.user, turns: r.case.turns, expected: r.case.expected, got: r.outcome.got }));
  const bySet = sets.map((set, i) => {
    const list = ran[i]!;
    const right = list.filter((r) => r.outcome.right).length;
    return { name: set.name, cases: list.length, right, share: round3(right / list.length), wrong: wrongOf(list) };
  });
  const right = all.filter((r) => r.outcome.right).length;
  const met = bySet.every((s) => s.share >= TARGET);
  const summary = {
    cases: all.length,
    right,
    share: round3(right / all.length),
    target: TARGET,
    met,
    byExpected: Object.fromEntries([...groups].map(([k, g]) => [k, { ...g, share: round3(g.right / g.cases) }])),
    sets: Object.fromEntries(bySet.map(({ name, ...rest }) => [name, rest])),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const rows = [...groups].map(([k, g]) => [k, g.cases, g.right, `${((g.right / g.cases) * 100).toFixed(1)} %`]);
  rows.push(['all', all.length, right, `${((right / all.length) * 100).toFixed(1)} %`]);
  const head = ['expected (all sets)', 'cases', 'right', 'share'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r: (string | number)[]) => r.map((v, i) => String(v).padEnd(widths[i]!)).join('  ');
  process.stdout.write(`${fmt(head)}\n${rows.map(fmt).join('\n')}\n\n`);
  for (const s of bySet) for (const w of s.wrong) process.stdout.write(`wrong (${s.name}): ${w.user} ${JSON.stringify(w.turns)} expected ${JSON.stringify(w.expected)}, got ${w.got}\n`);
  const each = bySet.map((s) => `${s.name} ${(s.share * 100).toFixed(1)} % of ${s.cases}`).join('; ');
  process.stdout.write(`\nright transaction and answer: ${each} (target >= ${TARGET * 100} % on each): ${met ? 'met' : 'NOT met'}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:flows failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
