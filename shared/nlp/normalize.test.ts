import { normalize, toOriginalSpan } from './normalize';

describe('normalize', () => {
  it.each([
    ['ＡＢＣ１２３，', 'ABC123,'],
    ['轉賬沒到賬', '转账没到账'],
    ['咋个办', '怎么办'],
    ['啥时候到账', '什么时候到账'],
    ['莫得钱了', '没有钱了'],
    ['冇收到', '没有收到'],
    ['木有到账', '没有到账'],
    ['佢嘅钱', '他的钱'],
    ['到账了吗？？？！！！', '到账了吗?!'],
    ['退款😀😀到了', '退款😀😀到了'],
  ])('%s -> %s', (input, output) => {
    expect(normalize(input).text).toBe(output);
  });

  it('maps every normalised span back to the original text', () => {
    const original = '冇收到３５０元！！！咋办';
    const n = normalize(original);
    expect(n.offsets).toHaveLength(n.text.length + 1);
    expect(n.offsets[n.text.length]).toBe(original.length);
    const at = n.text.indexOf('350元');
    const span = toOriginalSpan(n, at, at + 4);
    expect(original.slice(span.start, span.end)).toBe('３５０元');
    const how = n.text.indexOf('怎么办');
    const back = toOriginalSpan(n, how, how + 3);
    expect(original.slice(back.start, back.end)).toBe('咋办');
  });
});
