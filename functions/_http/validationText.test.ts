import { Type } from '@sinclair/typebox';
import { validate } from './readJson';

/** A refused setting reads as words a merchant understands, naming the field, not the schema's regex. */
describe('validation messages', () => {
  const Hours = Type.Object(
    {
      open: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
      text: Type.Optional(Type.String({ minLength: 1, maxLength: 5 })),
      seconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 3600 })),
      mode: Type.Optional(Type.Union([Type.Literal('a'), Type.Literal('b')])),
    },
    { additionalProperties: false },
  );
  const refusal = (value: unknown) => {
    try {
      validate(Hours, value);
    } catch (err) {
      return { message: (err as Error).message, details: (err as { details?: unknown }).details };
    }
    throw new Error('accepted');
  };

  it.each([
    [{ open: '25:00' }, '参数 open 不合法: 格式不对', 'pattern'],
    // A field the console's forms name is said by that name (text: 内容).
    [{ open: '09:00', text: '' }, '内容不能为空', 'minLength'],
    [{ open: '09:00', text: '一二三四五六' }, '内容不能超过 5 个字', 'maxLength'],
    [{ open: '09:00', seconds: 5 }, '参数 seconds 不合法: 不能小于 10', 'minimum'],
    [{ open: '09:00', seconds: 5000 }, '参数 seconds 不合法: 不能大于 3600', 'maximum'],
    [{}, '参数 open 不合法: 必须填写', 'required'],
    [{ open: '09:00', colour: 'red' }, '参数 colour 不合法: 不是可以设置的字段', 'additionalProperties'],
  ])('%j -> %s', (value, message, reason) => {
    const r = refusal(value);
    expect(r.message).toBe(message);
    expect(r.details).toMatchObject({ reason });
    expect(r.message).not.toMatch(/must|pattern|\^/);
  });
});
