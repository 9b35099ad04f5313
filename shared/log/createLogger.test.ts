import { Writable } from 'node:stream';
import { LogRecord } from '../schemas';
import { validatorFor } from '../schemas/ajv';
import { createLogger } from './createLogger';
import { validateLogLine } from './validateLogLine';
import { serviceTypeOfText } from './serviceType';

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
  it('writes the seed’s record: every key once, the function in its own field, an ISO 8601 timestamp with offset', () => {
    const out = capture();
    const log = createLogger({ service: 'message', destination: out.stream });
    log.info({ request_id: 'req-1', user_id: 'u-1', service_type: '退款', issue_description: '退款没到账', function: 'message', status: 201 }, 'request');
    log.child({ request_id: 'req-2', user_id: 'u-2' }).info({ request_id: 'again', issue_description: '退款没到账' }, 'handled');
    log.info('no request context');
    const [first, second, third] = out.lines();
    const valid = validatorFor(LogRecord);
    for (const line of out.lines()) expect(valid(line)).toBe(true);
    for (const line of out.raw().split('\n').filter(Boolean)) expect(validateLogLine(line)).toEqual([]);
    expect(first).toEqual({ level: 'info', timestamp: expect.any(String) as string, request_id: 'req-1', user_id: 'u-1', service_type: '退款', issue_description: '退款没到账', function: 'message', status: 201, msg: 'request' });
    // A key bound on a child logger is written once: the binding's value.
    expect(second).toMatchObject({ request_id: 'req-2', user_id: 'u-2', service_type: '', function: 'message' });
    expect(third).toMatchObject({ request_id: '-', user_id: '-', service_type: '', issue_description: '', function: 'message' });
    const ts = String(first!['timestamp']);
    expect(ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    expect(Math.abs(Date.parse(ts) - Date.now())).toBeLessThan(5000);
  });

  it('moves a function name given as service_type to function, so service_type is only ever a business type', () => {
    const out = capture();
    const log = createLogger({ service: 'kefu', destination: out.stream });
    log.warn({ err: new Error('boom'), service_type: 'auth' }, 'could not record the Alipay id type');
    const [line] = out.lines();
    expect(line).toMatchObject({ service_type: '', function: 'auth', err: { type: 'Error', message: 'boom' } });
    expect(validateLogLine(out.raw().trim())).toEqual([]);
  });

  it('finds a line that is not a record, or that repeats a key', () => {
    const good = '{"level":"info","timestamp":"2026-12-01T18:00:00.000+08:00","request_id":"r","user_id":"u","service_type":"","issue_description":"","function":"message"}';
    expect(validateLogLine(good)).toEqual([]);
    expect(validateLogLine(good.replace('"function":"message"', '"function":"message","service_type":"kefu"'))).toEqual(expect.arrayContaining(['service_type appears 2 times']));
    expect(validateLogLine(good.replace('+08:00', 'Z')).length).toBeGreaterThan(0);
    expect(validateLogLine(good.replace('"service_type":""', '"service_type":"message"')).length).toBeGreaterThan(0);
    expect(validateLogLine('not json')).toEqual([expect.stringContaining('not JSON')]);
    // Nested objects may use the same names.
    expect(validateLogLine(good.replace('}', ',"details":{"request_id":"x","level":1}}'))).toEqual([]);
  });

  it('classifies the issue into the seed’s business types', () => {
    expect(serviceTypeOfText('昨天给朋友转了350块,对方说没收到')).toBe('转账');
    expect(serviceTypeOfText('花呗还款日是哪天')).toBe('花呗借呗');
    expect(serviceTypeOfText('余额宝收益怎么没了')).toBe('理财');
    expect(serviceTypeOfText('  ')).toBe('');
  });

  it('never lets a raw mobile, bank card or ID number reach the output, in any field', () => {
    const out = capture();
    const log = createLogger({ service: 'message', destination: out.stream });
    const phone = '13812345678';
    const card = '6222021234567890128';
    const id = '11010519491231002X';
    const notLuhn = '6222021234567890123';
    log
      .child({ request_id: 'r', user_id: phone })
      .info({ issue_description: `我的手机${phone},卡号${card}`, nested: { id, list: [phone, `card${notLuhn}`] } }, `call me ${phone}`);
    log.error(new Error(`failed for ${id} and tel１３８１２３４５６７８`), 'boom');
    const text = out.raw();
    for (const secret of [phone, card, id, notLuhn, '１３８１２３４５６７８']) expect(text).not.toContain(secret);
    expect(text).toContain('138****5678');
    expect(out.lines()).toHaveLength(2);
  });
});
