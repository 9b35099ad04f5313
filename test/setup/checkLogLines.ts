/**
 * Every log line any test makes Kefu write is a valid record (shared/schemas/logRecordSchema.ts,
 * each key once): checked as it is written, reported on the test that wrote it.
 */
import { onLogLine, validateLogLine } from '../../shared/log';

const bad: string[] = [];
onLogLine((line) => {
  const problems = validateLogLine(line.trimEnd());
  if (problems.length) bad.push(`${problems.join('; ')} in ${line.slice(0, 300)}`);
});

afterEach(() => {
  const found = bad.splice(0);
  expect(found).toEqual([]);
});
