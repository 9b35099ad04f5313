/**
 * Checks run on every line any Kefu logger writes, installed by the test setup
 * (test/setup/checkLogLines.ts) so every line the suite writes is validated against the record
 * schema. None are installed outside tests: the hook is then one length test per line.
 */
type LineCheck = (line: string) => void;
const checks: LineCheck[] = [];

export function onLogLine(check: LineCheck): () => void {
  checks.push(check);
  return () => {
    const i = checks.indexOf(check);
    if (i >= 0) checks.splice(i, 1);
  };
}

/** pino's `streamWrite` hook: the serialised line, returned unchanged. */
export function checkLine(line: string): string {
  if (checks.length) for (const check of checks) check(line);
  return line;
}
