import { chatTexts } from './chatText';
import { queueLine } from './queueLine';

describe('queueLine (the waiting user status line)', () => {
  const zh = chatTexts('zh-CN');
  it('says the place and the wait in whole minutes, at least one', () => {
    expect(queueLine({ status: 'queued', queue: { position: 3, estimatedWaitSeconds: 170 } }, zh)).toBe('您前面还有 2 位,预计等待约 3 分钟');
    expect(queueLine({ status: 'queued', queue: { position: 1, estimatedWaitSeconds: 5 } }, zh)).toBe('下一位就是您,预计等待约 1 分钟');
  });

  it('promises no wait while no agent is online, in either language', () => {
    expect(queueLine({ status: 'queued', queue: { position: 1 } }, zh)).toBe('下一位就是您,客服暂未上线,上线后按顺序接待');
    expect(queueLine({ status: 'queued', queue: { position: 2 } }, chatTexts('en'))).toBe('1 ahead of you; no agent is online yet, you will be served in turn');
  });

  it('is empty unless queued', () => {
    expect(queueLine({ status: 'assigned', queue: { position: 1, estimatedWaitSeconds: 60 } }, zh)).toBe('');
    expect(queueLine({ status: 'queued' }, zh)).toBe('');
  });
});
