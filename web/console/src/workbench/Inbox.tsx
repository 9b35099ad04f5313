import { Empty, Space, Tag, Typography } from 'antd';
import type { Conversation } from '../../../../shared/schemas';
import { useLabel, useT } from '../i18n';
import { shortTime } from './clock';

/** One inbox: the user's name, where the conversation stands, its category, its last words and time. */
export function Inbox({ items, selected, onSelect, me, userName }: { items: Conversation[]; selected?: string | undefined; onSelect: (id: string) => void; me: string; userName: (id: string) => string }) {
  const t = useT();
  const label = useLabel();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noData} />;
  return (
    <div className="inbox" role="list">
      {items.map((c) => (
        <div
          key={c.id}
          role="listitem"
          className="inbox-item"
          data-id={c.id}
          onClick={() => onSelect(c.id)}
          style={{ cursor: 'pointer', padding: '8px 10px', borderBottom: '1px solid #f0f0f0', background: c.id === selected ? '#e6f4ff' : undefined }}
        >
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <Space size={4} wrap>
              <Typography.Text strong className="inbox-user">{userName(c.userId)}</Typography.Text>
              <Tag className="inbox-status">{label('status', c.status)}</Tag>
              {c.ticket?.category && <Tag color="geekblue">{label('category', c.ticket.category.value)}</Tag>}
              {c.assigneeId && c.assigneeId !== me && c.assigneeName ? <Tag color="blue">{c.assigneeName}</Tag> : null}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{shortTime(c.updatedAt)}</Typography.Text>
          </div>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>{c.lastMessagePreview ?? ''}</Typography.Text>
        </div>
      ))}
    </div>
  );
}
