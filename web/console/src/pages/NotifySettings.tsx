import { useEffect, useState } from 'react';
import { Button, Card, Form, Input, Radio, Select, Typography } from 'antd';
import { toast } from '../toast';
import { useTr } from '../i18n';
import { api, ApiError } from '../api';
import type { NotifySettings as Notify } from '../../../../shared/schemas';

/**
 * Reply notices: the subscription templates (chosen on Alipay's merchant platform, 消息 > 消息接入)
 * the chat offers with 有回复时通知我, and what a notice says and opens. At most three templates,
 * all one-time or all long-term (my.requestSubscribeMessage cannot mix them).
 */
export function NotifySettings() {
  const tr = useTr();
  const [notify, setNotify] = useState<Notify>();
  // From the latest settings, not the last render's: two changes in a row both stay.
  const edit = (change: Partial<Notify>) => setNotify((n) => n && { ...n, ...change });
  useEffect(() => {
    void api<Notify>('GET', '/v1/merchant/settings/notify').then(setNotify);
  }, []);
  if (!notify) return null;
  const save = async () => {
    try {
      setNotify(await api<Notify>('PUT', '/v1/merchant/settings/notify', notify));
      void toast.success(tr('已保存'));
    } catch (err) {
      void toast.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Card size="small" title={tr('回复通知')} className="notify-settings" extra={<Button type="primary" className="save-notify" onClick={() => void save()}>{tr('保存')}</Button>}>
      <Typography.Paragraph type="secondary">{tr('用户在小程序里点「有回复时通知我」并同意订阅后,客服回复时支付宝会发一条订阅消息。模板在支付宝商家平台的「消息接入」中选择。')}</Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 560 }}>
        <Form.Item label={tr('订阅消息模板 ID(最多 3 个)')}>
          <Select id="notify-templates" mode="tags" maxCount={3} value={notify.replyTemplateIds} onChange={(replyTemplateIds: string[]) => edit({ replyTemplateIds })} open={false} />
        </Form.Item>
        <Form.Item label={tr('模板类型')}>
          <Radio.Group value={notify.kind} onChange={(e) => edit({ kind: e.target.value as Notify['kind'] })} options={[{ value: 'once', label: tr('一次性订阅') }, { value: 'long', label: tr('长期订阅') }]} />
        </Form.Item>
        <Form.Item label={tr('点击通知打开的页面')}>
          <Input id="notify-page" value={notify.page} maxLength={80} onChange={(e) => edit({ page: e.target.value })} />
        </Form.Item>
        <Form.Item label={tr('通知内容(依次填入模板的关键词,{time} 为回复时间)')}>
          <Select id="notify-keywords" mode="tags" maxCount={10} value={notify.keywords} onChange={(keywords: string[]) => edit({ keywords })} open={false} />
        </Form.Item>
      </Form>
    </Card>
  );
}
