import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Empty, Input, Space, Table, Tabs, Tag } from 'antd';
import { api, ApiError } from '../api';
import { toast } from '../toast';
import { useLeaveTexts } from '../i18n';
import type { LeaveMessageTicket } from '../../../../shared/leaveMessage';
import { useUserNames } from '../workbench/useUserNames';

type Status = 'open' | 'answered';

/**
 * 留言: what users left while waiting or outside service hours, oldest first, and the answer that
 * goes into the same conversation (the server takes the conversation for the agent when it still
 * waits). Numbers arrive masked for agents, as everywhere else.
 */
export function LeaveMessages() {
  const t = useLeaveTexts();
  const [status, setStatus] = useState<Status>('open');
  const [tickets, setTickets] = useState<LeaveMessageTicket[]>();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  // The user's name as in the workbench (masked without customer-data permission), not their id.
  const userName = useUserNames((tickets ?? []).map((x) => x.userId));
  const load = useCallback(async () => {
    const r = await api<{ tickets: LeaveMessageTicket[] }>('GET', `/v1/conversations/leave-messages?status=${status}`);
    setTickets(r.tickets);
  }, [status]);
  useEffect(() => {
    setTickets(undefined);
    void load().catch((err: unknown) => void toast.error(err instanceof ApiError ? err.message : String(err)));
  }, [load]);
  const answer = async (ticket: LeaveMessageTicket) => {
    const text = (drafts[ticket.conversationId] ?? '').trim();
    if (!text) return;
    try {
      await api('POST', `/v1/conversations/${encodeURIComponent(ticket.conversationId)}/leave-message/answer`, { clientMessageId: `lm${Date.now().toString(36)}`, text });
      void toast.success(t.sent);
      setDrafts((d) => ({ ...d, [ticket.conversationId]: '' }));
      await load();
    } catch (err) {
      void toast.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  const columns = [
    { title: t.at, dataIndex: 'createdAt', width: 170, render: (v: string) => new Date(v).toLocaleString() },
    { title: t.user, dataIndex: 'userId', width: 100, render: (id: string) => userName(id) },
    { title: t.contact, key: 'contact', width: 170, render: (_: unknown, r: LeaveMessageTicket) => (r.contact === 'phone' ? <Tag color="orange">{`${t.byPhone} ${r.phone ?? ''}`}</Tag> : <Tag color="blue">{t.byChat}</Tag>) },
    { title: t.text, dataIndex: 'text', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
    status === 'open'
      ? {
          title: t.answer,
          key: 'answer',
          width: 360,
          render: (_: unknown, r: LeaveMessageTicket) => (
            <Space.Compact style={{ width: '100%' }}>
              <Input.TextArea className="leave-answer" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} placeholder={t.answerPlaceholder} value={drafts[r.conversationId] ?? ''} onChange={(e) => setDrafts((d) => ({ ...d, [r.conversationId]: e.target.value }))} />
              <Button type="primary" className="leave-send" onClick={() => void answer(r)}>
                {t.send}
              </Button>
            </Space.Compact>
          ),
        }
      : { title: t.answer, key: 'answer', width: 360, render: (_: unknown, r: LeaveMessageTicket) => <span style={{ whiteSpace: 'pre-wrap' }}>{`${r.answer ?? ''}${r.answeredBy ? ` (${t.answeredBy} ${r.answeredBy})` : ''}`}</span> },
  ];
  return (
    <Card size="small" className="leave-messages" title={t.tab} extra={<Button onClick={() => void load()}>{t.refresh}</Button>}>
      <Tabs activeKey={status} onChange={(k) => setStatus(k as Status)} items={[{ key: 'open', label: t.open }, { key: 'answered', label: t.answered }]} />
      <Table<LeaveMessageTicket> size="small" rowKey="conversationId" loading={!tickets} dataSource={tickets ?? []} columns={columns} pagination={false} locale={{ emptyText: <Empty description={t.empty} /> }} />
    </Card>
  );
}
