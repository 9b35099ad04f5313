/**
 * `npm run bench:flows [-- --json]`: the scripted users of scripts/bench/flowBenchCases.ts through the
 * real system (the local server's composition, demo merchant and demo customer data, embedded
 * store in memory), each in a new conversation, and the share of cases that reached the right
 * transaction with the right answer: the flow's status card about the expected transaction, the
 * one question for a missing detail, the hand-off with the flow's context, or the FAQ's answer
 * for a question that is no flow's. Prints a table per expected outcome and one JSON with --json.
 * Four sets, reported apart: three development sets (each written after the flows' last change
 * and then used to fix what it showed) and the unseen wording written after the last change to
 * the flows. The target is met when every set reaches it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import type { Conversation, ConversationEvent, MessageBody } from '../../shared/schemas';
import { startDevServer } from '../dev/devServer';
import { flowCases, flowHeldOutCases, flowThirdCases, flowUnseenCases, type Expected, type FlowCase } from './flowBenchCases';

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

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-flows-'));
  const config = loadConfig({}, { PORT: '0', KEFU_DATA_DIR: dataDir, KEFU_STORE: 'memory', KEFU_DEV_LOGIN: 'true', KEFU_OCR: 'off' });
  const server = await startDevServer(config, { logger: createLogger({ service: 'bench', level: 'error', destination: pino.destination({ dest: path.join(dataDir, 'log'), sync: true }) }) });
  const { conversations, accounts, store } = server.deps;
  const run = async (cases: readonly FlowCase[], tag: string) => {
    const results: { case: FlowCase; outcome: Outcome }[] = [];
    for (const [n, c] of cases.entries()) {
      const session = await accounts.devUserLogin('demo', c.user);
      const conversation = await conversations.users.create(session.principal, 'miniprogram');
      let last: MessageBody | undefined;
      for (const [i, turn] of c.turns.entries()) {
        const text = typeof turn === 'string' ? turn : last?.type === 'choices' ? last.items.find((item) => item.label.includes(turn.tap))?.text : undefined;
        if (text === undefined) break;
        await conversations.users.sendText(session.principal, conversation.id, `${tag}${n}-${i}`, text);
        const events = (await store.tenant('demo').range<ConversationEvent>('event', [conversation.id], { direction: 'backward', limit: 10 })).rows.map((r) => r.value);
        last = events.find((e): e is Extract<ConversationEvent, { type: 'message' }> => e.type === 'message' && e.message.sender.role === 'bot')?.message.body;
      }
      const stored = (await store.tenant('demo').get<Conversation>('conversation', [conversation.id]))!.value;
      results.push({ case: c, outcome: judge(c.expected, last, stored) });
    }
    return results;
  };
  let results: { case: FlowCase; outcome: Outcome }[];
  let heldOut: { case: FlowCase; outcome: Outcome }[];
  let third: { case: FlowCase; outcome: Outcome }[];
  let unseen: { case: FlowCase; outcome: Outcome }[];
  try {
    results = await run(flowCases, 'b');
    heldOut = await run(flowHeldOutCases, 'h');
    third = await run(flowThirdCases, 't');
    unseen = await run(flowUnseenCases, 'u');
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const groups = new Map<string, { cases: number; right: number }>();
  for (const r of results) {
    const g = groups.get(kindOf(r.case.expected)) ?? { cases: 0, right: 0 };
    groups.set(kindOf(r.case.expected), { cases: g.cases + 1, right: g.right + (r.outcome.right ? 1 : 0) });
  }
  const right = results.filter((r) => r.outcome.right).length;
  const share = right / results.length;
  const heldRight = heldOut.filter((r) => r.outcome.right).length;
  const heldShare = heldRight / heldOut.length;
  const thirdRight = third.filter((r) => r.outcome.right).length;
  const thirdShare = thirdRight / third.length;
  const unseenRight = unseen.filter((r) => r.outcome.right).length;
  const unseenShare = unseenRight / unseen.length;
  const wrongOf = (list: typeof results) => list.filter((r) => !r.outcome.right).map((r) => ({ user: r.case.user, turns: r.case.turns, expected: r.case.expected, got: r.outcome.got }));
  const summary = {
    cases: results.length,
    right,
    share: Math.round(share * 1000) / 1000,
    target: TARGET,
    byExpected: Object.fromEntries([...groups].map(([k, g]) => [k, { ...g, share: Math.round((g.right / g.cases) * 1000) / 1000 }])),
    wrong: wrongOf(results),
    second: { cases: heldOut.length, right: heldRight, share: Math.round(heldShare * 1000) / 1000, wrong: wrongOf(heldOut) },
    third: { cases: third.length, right: thirdRight, share: Math.round(thirdShare * 1000) / 1000, wrong: wrongOf(third) },
    unseen: { cases: unseen.length, right: unseenRight, share: Math.round(unseenShare * 1000) / 1000, wrong: wrongOf(unseen) },
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const rows = [...groups].map(([k, g]) => [k, g.cases, g.right, `${((g.right / g.cases) * 100).toFixed(1)} %`]);
  rows.push(['all', results.length, right, `${(share * 100).toFixed(1)} %`]);
  const head = ['expected', 'cases', 'right', 'share'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r: (string | number)[]) => r.map((v, i) => String(v).padEnd(widths[i]!)).join('  ');
  process.stdout.write(`${fmt(head)}\n${rows.map(fmt).join('\n')}\n\n`);
  for (const w of [...summary.wrong, ...summary.second.wrong, ...summary.third.wrong, ...summary.unseen.wrong]) process.stdout.write(`wrong: ${w.user} ${JSON.stringify(w.turns)} expected ${JSON.stringify(w.expected)}, got ${w.got}\n`);
  const met = share >= TARGET && heldShare >= TARGET && thirdShare >= TARGET && unseenShare >= TARGET;
  process.stdout.write(
    `\nright transaction and answer: ${(share * 100).toFixed(1)} % of ${results.length}; second set ${(heldShare * 100).toFixed(1)} % of ${heldOut.length}; third set ${(thirdShare * 100).toFixed(1)} % of ${third.length}; unseen wording ${(unseenShare * 100).toFixed(1)} % of ${unseen.length} (target >= ${TARGET * 100} % on each): ${met ? 'met' : 'NOT met'}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:flows failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
