import { Descriptions, Tag } from 'antd';
import { useLabel, useTr } from '../i18n';
import type { CustomerView } from './customerView';
import { yuan } from './SecurityView';
import { localDate } from './clock';

const tiers = ['普通', '黄金', '铂金', '钻石'];

/** A titled list of short rows (antd's List is deprecated and logs a console error per use). */
function Rows({ title, className, rows }: { title: string; className?: string; rows: { key: string; content: React.ReactNode }[] }) {
  return (
    <div className={className} style={{ marginTop: 12 }}>
      <div style={{ fontWeight: 500, marginBottom: 4 }}>{title}</div>
      {rows.map((r) => (
        <div key={r.key} className="row" style={{ padding: '4px 0', borderBottom: '1px solid #f5f5f5', fontSize: 13 }}>{r.content}</div>
      ))}
    </div>
  );
}

/**
 * The customer beside the conversation: profile, recent transactions (at the user's local time as
 * the record writes it, like the security timeline), past conversations, devices.
 */
export function CustomerPanel({ c, conversationId }: { c: CustomerView & { profile: NonNullable<CustomerView['profile']> }; conversationId?: string }) {
  const tr = useTr();
  const label = useLabel();
  return (
    <div className="customer-panel">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={tr('姓名')}>{c.profile.name} {c.profile.vipTier > 0 && <Tag color="gold">VIP {tr(tiers[c.profile.vipTier] ?? '')}</Tag>}</Descriptions.Item>
        <Descriptions.Item label={tr('手机')}>{c.profile.phone}</Descriptions.Item>
        <Descriptions.Item label={tr('常住')}>{c.profile.city}</Descriptions.Item>
      </Descriptions>
      <Rows
        title={tr('最近交易')}
        rows={[...c.transactions].reverse().slice(0, 5).map((x) => ({
          key: x.id,
          content: <>{x.at.slice(5, 16).replace('T', ' ')} {x.counterparty} {yuan(x.amountFen, tr('元'))} {x.flags.length > 0 && <Tag color="red">{tr('异常')}</Tag>}{x.status !== 'success' && <Tag color="orange">{label('txStatus', x.status)}</Tag>}</>,
        }))}
      />
      <Rows
        title={tr('历史会话')}
        className="past-conversations"
        rows={(c.pastConversations ?? []).filter((x) => x.id !== conversationId).map((x) => ({
          key: x.id,
          content: <>{localDate(x.createdAt)} <Tag>{label('category', x.category ?? 'other')}</Tag>{label('status', x.status)}{x.rating ? ` ${'★'.repeat(x.rating)}` : ''}</>,
        }))}
      />
      <Rows
        title={tr('设备')}
        rows={c.devices.map((d) => ({ key: d.id, content: <>{d.model} {d.trusted ? <Tag>{tr('常用')}</Tag> : <Tag color="red">{tr('新设备')}</Tag>}{d.current && <Tag color="blue">{tr('当前')}</Tag>}</> }))}
      />
    </div>
  );
}
