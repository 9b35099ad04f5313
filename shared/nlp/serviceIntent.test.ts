import { detectServiceIntent, handsOff } from './serviceIntent';

describe('detectServiceIntent (before the FAQ)', () => {
  it.each([
    ['你好,在吗', 'greeting'],
    ['您好', 'greeting'],
    ['有人吗?', 'greeting'],
    ['亲，在不在呀', 'greeting'],
    ['hi', 'greeting'],
    ['谢谢', 'thanks'],
    ['好的谢谢', 'thanks'],
    ['谢谢你们', 'thanks'],
    ['知道了', 'thanks'],
    ['转人工', 'human'],
    ['我要人工客服', 'human'],
    ['Talk to a human', 'human'],
    ['我要投诉你们', 'complaint'],
    ['再不处理我就打12315', 'complaint'],
    ['我的账号被盗了', 'accountTheft'],
    ['有人异地登录了我的支付宝', 'accountTheft'],
    ['傻逼客服', 'abuse'],
    ['你妈的什么破客服', 'abuse'],
    ['他妈的还没到', 'abuse'],
    ['今天天气怎么样', 'offTopic'],
    ['给我讲个笑话吧', 'offTopic'],
    ['你今年几岁', 'offTopic'],
    ['Tell me a joke', 'offTopic'],
    ['陪我聊聊天吧', 'offTopic'],
    ['明天天气如何?', 'offTopic'],
    ["What's the weather like today?", 'offTopic'],
    ['Can you tell me a joke please', 'offTopic'],
  ])('%s -> %s', (text, intent) => {
    expect(detectServiceIntent(text)).toBe(intent);
  });

  it.each(['你好，我的退款没到', '请问花呗怎么还款', '好的那退款多久到', '花呗怎么还款', '谢谢,但是我的钱还没到账', '在吗?我转账失败了', '给我妈的生活费转了没到', '老妈的退款还没回来', '下雨天还能骑车吗', '天气冷了暖气怎么开', '机票因为天气原因取消了能退款吗', '今天天气怎么样,还能正常配送吗', '明天天气如何,景区开放吗', '我买的哪只股票还没成交', '彩票号码在哪查', '儿童手表能讲个故事吗', '唱一首歌的包厢怎么收费', ''])('%s is a question for the FAQ', (text) => {
    expect(detectServiceIntent(text)).toBeUndefined();
  });

  it('sends a human request, a complaint, a stolen account and small talk to a person; answers greetings, thanks and abuse', () => {
    const all = ['greeting', 'thanks', 'human', 'complaint', 'accountTheft', 'abuse', 'offTopic'] as const;
    expect(all.filter(handsOff)).toEqual(['human', 'complaint', 'accountTheft', 'offTopic']);
  });

  it.each(['投诉进度在哪看', '投诉多久有结果', '一键报警在哪', '报警按钮在哪里啊', '怎么投诉商家', '上周的订单现在还能投诉吗'])('%s asks about complaints: a question for the FAQ', (text) => {
    expect(detectServiceIntent(text)).toBeUndefined();
  });

  it.each(['人工客服几点上班', '人工服务时间是几点到几点', '你们人工客服电话多少'])('%s asks about the human service: a question for the FAQ', (text) => {
    expect(detectServiceIntent(text)).toBeUndefined();
  });

  it.each(['人工客服', '我要人工客服 现在', '几点能转人工', '人工', '找人工客服问下上班时间'])('%s asks for a person', (text) => {
    expect(detectServiceIntent(text)).toBe('human');
  });

  it.each(['商家态度太差了 我要投诉', '店家骂人 在哪投诉他', '再不退款我就去曝光你们', '投诉你们'])('%s makes a complaint', (text) => {
    expect(detectServiceIntent(text)).toBe('complaint');
  });
});
