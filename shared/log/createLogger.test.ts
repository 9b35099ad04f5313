import { Writable } from 'node:stream';
import { LogRecord, validatorFor } from '../schemas';
import { createLogger } from './createLogger';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[]; raw: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  const raw = () => chunks.join('');
  return {
    stream,
    raw,
    lines: () =>
      raw()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON lines carrying every required field with an ISO 8601 timestamp', () => {
    const out = capture();
    const log = createLogger({ service: 'message', destination: out.stream });
    log.child({ request_id: 'req-1', user_id: 'u-1' }).info({ issue_description: '退款没到账' }, 'handled');
    log.info('no request context');
    const [first, second] = out.lines();
    const valid = validatorFor(LogRecord);
    expect(valid(first)).toBe(true);
    expect(valid(second)).toBe(true);
    expect(first).toMatchObject({ request_id: 'req-1', user_id: 'u-1', service_type: 'message', issue_description: '退款没到账', msg: 'handled' });
    expect(second).toMatchObject({ request_id: '-', user_id: '-', issue_description: '' });
    expect(new Date(String(first!['timestamp'])).toISOString()).toBe(first!['timestamp']);
  });

  it('never lets a raw mobile, bank card or ID number reach the output, in any field', () => {
    const out = capture();
    const log = createLogger({ service: 'message', destination: out.stream });
    const phone = '13812345678';
    const card = '6222021234567890128';
    const id = '11010519491231002X';
    log
      .child({ request_id: 'r', user_id: phone })
      .info({ issue_description: `我的手机${phone},卡号${card}`, nested: { id, list: [phone] } }, `call me ${phone}`);
    log.error(new Error(`failed for ${id}`), 'boom');
    const text = out.raw();
    expect(text).not.toContain(phone);
    expect(text).not.toContain(card);
    expect(text).not.toContain(id);
    expect(text).toContain('138****5678');
    expect(out.lines()).toHaveLength(2);
  });
});
