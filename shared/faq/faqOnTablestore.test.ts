import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTablestoreEmulator } from '../../mock/tablestore/TablestoreEmulator';
import { createTablestoreStore, initTablestoreTable, type TablestoreStoreOptions } from '../store/drivers';
import { knowledgeBase } from '../../test/helpers/knowledgeBase';
import { FaqMatcher } from './FaqMatcher';
import { FaqService } from './FaqService';

/*
 * A large knowledge base on the strict Tablestore emulator, which refuses what the service
 * refuses: more than 200 rows or 4 MB in one BatchWriteRow (https://www.alibabacloud.com/help/doc-detail/91524.html),
 * a local transaction over 4 MB or 60 s and one on a table without them
 * (https://www.alibabacloud.com/help/doc-detail/120983.html), and it keeps what it acknowledged
 * on disk (write-ahead log) across a restart.
 */

const keys = { instance: 'kefu-faq', accessKeyId: 'LTAI-faq', accessKeySecret: randomBytes(18).toString('base64') };
const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-faq-ots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
jest.setTimeout(240_000);

async function emulatorOn(file: string) {
  const server = await startTablestoreEmulator({ ...keys, file, localTransactionsFor: ['kefu_rows'] });
  const options: TablestoreStoreOptions = { ...keys, endpoint: server.url };
  await initTablestoreTable(options);
  return { server, store: createTablestoreStore(options) };
}

const questionOf = (n: number) => (knowledgeBase(n + 1)[n] as { question: string }).question;

describe('FAQ knowledge base on the strict Tablestore emulator', () => {
  it('imports 10,000 entries, saves the index and loads it after the emulator restarts', async () => {
    const file = path.join(dir, 'big', 'tables.json');
    const first = await emulatorOn(file);
    const faq = new FaqService(first.store);
    await expect(faq.importFile('m1', 'json', JSON.stringify(knowledgeBase(10_000)))).resolves.toMatchObject({ created: 10_000 });
    const ranked = (await faq.matcher('m1')).rank(questionOf(1234));
    expect(ranked[0]?.faqId).toBe('e1234');
    await first.server.close();

    const second = await emulatorOn(file);
    const build = jest.spyOn(FaqMatcher, 'build');
    try {
      const cold = new FaqService(second.store);
      expect((await cold.matcher('m1')).rank(questionOf(1234))).toEqual(ranked);
      expect(build).not.toHaveBeenCalled();
      expect(await cold.all('m1')).toHaveLength(10_000);
    } finally {
      build.mockRestore();
      await second.server.close();
    }
  });

  it('an import of 20,000 rows that dies midway leaves the old knowledge base as it was', async () => {
    const { server, store } = await emulatorOn(path.join(dir, 'staged', 'tables.json'));
    try {
      const faq = new FaqService(store);
      await faq.importFile('m1', 'json', JSON.stringify(knowledgeBase(50).map((e) => ({ ...e, answer: '旧答案' }))));
      const calls = () => server.emulator.calls.get('BatchWriteRow') ?? 0;
      const start = calls();
      // The service starts refusing every write once 40 of the import's 100 batches are in.
      const outage = setInterval(() => {
        if (calls() - start >= 40) {
          server.emulator.injectFault({ code: 'OTSServerBusy', times: 1_000_000 });
          clearInterval(outage);
        }
      }, 1);
      await expect(faq.importFile('m1', 'json', JSON.stringify(knowledgeBase(20_000)))).rejects.toMatchObject({ code: 'STORE_BUSY' });
      clearInterval(outage);
      server.emulator.clearFaults();
      const after = await new FaqService(store).all('m1');
      expect(after).toHaveLength(50);
      expect(after.every((e) => e.answer === '旧答案')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('an import whose pointer flip was applied but answered with a timeout counts as done', async () => {
    const { server, store } = await emulatorOn(path.join(dir, 'lost-flip', 'tables.json'));
    try {
      const faq = new FaqService(store);
      await faq.importFile('m1', 'json', JSON.stringify(knowledgeBase(20).map((e) => ({ ...e, answer: '旧答案' }))));
      // The next PutRow is the flip (the staged rows go in transactions of BatchWriteRow).
      server.emulator.injectFault({ code: 'OTSTimeout', times: 1, actions: ['PutRow'], afterApplying: true });
      await expect(faq.importFile('m1', 'json', JSON.stringify(knowledgeBase(30)))).resolves.toMatchObject({ created: 10, updated: 20 });
      const after = await new FaqService(store).all('m1');
      expect(after).toHaveLength(30);
      expect(after.some((e) => e.answer === '旧答案')).toBe(false);
    } finally {
      await server.close();
    }
  });
});
