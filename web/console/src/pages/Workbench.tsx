import { useEffect, useRef, useState } from 'react';
import { AutoComplete, Badge, Button, Card, Descriptions, Empty, Input, List, Segmented, Select, Space, Switch, Tabs, Tag, Typography, message as toast } from 'antd';
import { api, ApiError, type Session } from '../api';
import { useT } from '../i18n';
import { CustomerPanel } from './CustomerPanel';
import type { Conversation, ConversationEvent, Message } from '../../../../shared/schemas';
import type { CannedRepliesRequest } from '../../../../shared/schemas/cannedReplies';
import { applyConversationEvents, newerConversation } from '../../../../shared/client/applyConversationEvents';

const newId = () => `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/**
 * Polls `fn` in a loop while mounted: each call long-polls on the server, errors back off. The
 * first success after errors calls `onRecover` (what happened meanwhile may need a full read).
 */
function useLongPoll(fn: (signal: AbortSignal) => Promise<void>, deps: unknown[], onRecover?: () => void) {
  useEffect(() => {
    const ctrl = new AbortController();
    void (async () => {
      let backoff = 0;
      while (!ctrl.signal.aborted) {
        try {
          await fn(ctrl.signal);
          if (backoff) onRecover?.();
          backoff = 0;
        } catch {
          if (ctrl.signal.aborted) return;
          backoff = Math.min(10_000, backoff ? backoff * 2 : 1000);
          await new Promise((r) => setTimeout(r, backoff));
        }
      }
    })();
    return () => ctrl.abort();
  }, deps);
}

function Inbox({ box, selected, onSelect }: { box: 'waiting' | 'mine' | 'all'; selected?: string; onSelect: (id: string) => void }) {
  const [items, setItems] = useState<Conversation[]>([]);
  const version = useRef<string | undefined>(undefined);
  useLongPoll(async (signal) => {
    const since = version.current ? `&since=${encodeURIComponent(version.current)}&timeout=20000` : '';
    const page = await api<{ version: string; conversations: Conversation[] }>('GET', `/v1/agent/inbox?box=${box}${since}`, undefined, signal);
    version.current = page.version;
    setItems(page.conversations);
  }, [box]);
  return (
    <List
      size="small"
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      renderItem={(c) => (
        <List.Item className="inbox-item" data-id={c.id} onClick={() => onSelect(c.id)} style={{ cursor: 'pointer', background: c.id === selected ? '#e6f4ff' : undefined, paddingInline: 8 }}>
          <List.Item.Meta title={<Space>{c.userId}<Tag>{c.status}</Tag>{box === 'all' && c.assigneeName ? <Tag color="blue">{c.assigneeName}</Tag> : null}</Space>} description={c.lastMessagePreview ?? ''} />
        </List.Item>
      )}
    />
  );
}

function MediaLink({ mediaId, kind }: { mediaId: string; kind: 'voice' | 'image' }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    void api<{ url: string }>('GET', `/v1/media/${mediaId}/url`).then((r) => setUrl(r.url), () => undefined);
  }, [mediaId]);
  if (!url) return null;
  return kind === 'voice' ? <audio controls src={url} style={{ height: 32 }} /> : <img src={url} alt="" style={{ maxWidth: 240, maxHeight: 240, display: 'block' }} />;
}

function Bubble({ m }: { m: Message }) {
  const t = useT();
  const b = m.body;
  if (b.type === 'system') return <div className="notice" style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12, margin: '8px 0' }}>{b.text}</div>;
  const mine = m.sender.role === 'agent';
  const who = m.sender.role === 'user' ? m.sender.id : (m.sender.name ?? m.sender.role);
  let content;
  if (b.type === 'faqCard') content = <Card size="small" className="faq-card" title={b.question}>{b.answer}</Card>;
  else if (b.type === 'voice') content = <Space orientation="vertical" size={4}><MediaLink mediaId={b.mediaId} kind="voice" /><span>{b.transcribed ? b.text : <Tag>{t.untranscribed}</Tag>}</span></Space>;
  else if (b.type === 'image') content = <Space orientation="vertical" size={4}><MediaLink mediaId={b.mediaId} kind="image" />{b.text ? <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{b.text}</Typography.Text> : null}</Space>;
  else if (b.type === 'note') content = <span className="note-text" style={{ whiteSpace: 'pre-wrap' }}><Tag color="gold">{t.note}</Tag>{b.text}</span>;
  else if (b.type === 'rating') content = <span>{'★'.repeat(b.stars)} {b.comment}{b.complaint ? ' (投诉)' : ''}</span>;
  else content = <span className="bubble-text" style={{ whiteSpace: 'pre-wrap' }}>{b.text}</span>;
  return (
    <div className={`msg msg-${m.sender.role}`} data-seq={m.seq} style={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start', margin: '6px 0' }}>
      <div style={{ maxWidth: '75%', background: b.type === 'note' ? '#fffbe6' : mine ? '#e6f4ff' : '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: '6px 10px' }}>
        <div style={{ fontSize: 11, color: '#8c8c8c' }}>{who}</div>
        {content}
      </div>
    </div>
  );
}

function TicketPanel({ c, onJump, onEdit }: { c: Conversation; onJump: (seq: number) => void; onEdit: (field: string, text: string) => void }) {
  const t = useT();
  const fields: ['category' | 'orderNo' | 'amount' | 'time', string][] = [['category', t.category], ['orderNo', t.orderNo], ['amount', t.amount], ['time', t.time]];
  return (
    <Card size="small" title={t.ticket} className="ticket-panel">
      <Descriptions column={1} size="small">
        {fields.map(([key, label]) => {
          const f = c.ticket?.[key];
          // The category has no words of its own: its value is shown.
          const shown = f ? ('text' in f ? f.text : String(f.value)) : '—';
          return (
            <Descriptions.Item key={key} label={label}>
              <Space size={4} wrap>
                <Typography.Text className={`ticket-${key}`} editable={{ onChange: (text) => text !== shown && onEdit(key, text === '—' ? '' : text), triggerType: ['icon'] }}>{shown}</Typography.Text>
                {f?.editedBy && <Tag>{t.edited}</Tag>}
                {f?.via === 'image' && <Tag color="purple">{t.fromPicture}</Tag>}
                {f?.via === 'voice' && <Tag color="cyan">{t.fromVoice}</Tag>}
                {f && <Button size="small" type="link" onClick={() => onJump(f.seq)}>#{f.seq}</Button>}
              </Space>
            </Descriptions.Item>
          );
        })}
      </Descriptions>
    </Card>
  );
}

/** Who, where it stands, who holds it and why it was routed there: all kept current by the events. */
function ConversationTitle({ c }: { c: Conversation }) {
  return (
    <Space size={6}>
      {`${c.userId} · ${c.status}`}
      {c.status === 'assigned' && c.assigneeName ? <Tag color="blue" className="assignee">{c.assigneeName}</Tag> : null}
      {c.routing ? <Typography.Text type="secondary" className="routing" style={{ fontSize: 12 }}>{c.routing.reason}{c.routing.note ? ` · ${c.routing.note}` : ''}</Typography.Text> : null}
    </Space>
  );
}

function ConversationView({ id, session }: { id: string; session: Session }) {
  const t = useT();
  const [conversation, setConversation] = useState<Conversation>();
  const [messages, setMessages] = useState<Message[]>([]);
  const [draft, setDraft] = useState('');
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [canned, setCanned] = useState<CannedRepliesRequest['replies']>([]);
  const [groups, setGroups] = useState<{ id: string; name: string }[]>([]);
  const cursor = useRef(0);
  /** The state changes received since the conversation opened: a full read older than some of them gets them again. */
  const received = useRef<ConversationEvent[]>([]);
  useEffect(() => {
    void api<CannedRepliesRequest>('GET', '/v1/agent/canned-replies').then((r) => setCanned(r.replies), () => undefined);
    void api<{ groups: { id: string; name: string }[] }>('GET', '/v1/agent/groups').then((r) => setGroups(r.groups), () => undefined);
  }, []);
  const list = useRef<HTMLDivElement>(null);

  // The whole conversation is read when it opens and after the events poll recovered from an
  // error; in between, the typed events of the log move it on (status, assignee, hold, ticket, routing).
  const readFailed = useRef(false);
  const refresh = async () => {
    try {
      const fetched = await api<Conversation>('GET', `/v1/conversations/${id}`);
      readFailed.current = false;
      setConversation((shown) => applyConversationEvents(newerConversation(shown, fetched), received.current));
    } catch {
      // Read again by the next events page (the poll shows the connection is back).
      readFailed.current = true;
    }
  };
  useEffect(() => {
    cursor.current = 0;
    received.current = [];
    setMessages([]);
    void refresh();
  }, [id]);
  useLongPoll(async (signal) => {
    const page = await api<{ events: ConversationEvent[]; cursor: number }>('GET', `/v1/conversations/${id}/events?after=${cursor.current}&timeout=20000`, undefined, signal);
    cursor.current = page.cursor;
    const incoming = page.events.flatMap((e) => (e.type === 'message' ? [e.message] : []));
    if (incoming.length) setMessages((prev) => [...prev, ...incoming.filter((m) => !prev.some((p) => p.seq === m.seq))]);
    received.current.push(...page.events.filter((e) => e.type !== 'message'));
    if (page.events.length) setConversation((shown) => shown && applyConversationEvents(shown, page.events));
    if (readFailed.current) void refresh();
  }, [id], () => void refresh());
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [messages.length]);

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      void toast.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  // A staff action answers the conversation as it committed it: shown at once, no re-read.
  const change = (method: 'POST' | 'PUT', action: string, body: unknown) =>
    act(async () => {
      const answer = await api<Conversation>(method, `/v1/agent/conversations/${id}/${action}`, body);
      setConversation((shown) => newerConversation(shown, answer));
    });
  const send = () => {
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    void act(() => api('POST', `/v1/agent/conversations/${id}/${mode === 'note' ? 'notes' : 'messages'}`, { clientMessageId: newId(), text }));
  };
  const mine = conversation?.assigneeId === session.principal.id;
  const open = conversation?.status === 'queued' || conversation?.status === 'assigned';
  // "/" followed by part of a title lists the canned replies; picking one fills the composer.
  const query = draft.startsWith('/') ? draft.slice(1).trim() : undefined;
  const cannedOptions = query === undefined ? [] : canned.filter((r) => r.title.includes(query) || r.text.includes(query)).map((r) => ({ value: r.text, label: <span className="canned-option"><b>{r.title}</b> {r.text}</span> }));
  return (
    <div style={{ display: 'flex', gap: 12, height: '100%' }}>
      <Card size="small" style={{ flex: 1, display: 'flex', flexDirection: 'column' }} title={conversation ? <ConversationTitle c={conversation} /> : ''}
        extra={<Space>
          {conversation?.status === 'queued' && <Button type="primary" className="claim" onClick={() => void change('POST', 'claim', {})}>{t.claim}</Button>}
          {mine && conversation?.status === 'assigned' && (
            <>
              <Select size="small" className="transfer" placeholder={t.transfer} style={{ width: 120 }} value={null} options={groups.map((g) => ({ value: g.id, label: g.name }))} onChange={(toGroupId: string) => void change('POST', 'transfer', { toGroupId })} />
              <Button size="small" className="escalate" onClick={() => void change('POST', 'escalate', {})}>{t.escalate}</Button>
              <Space size={4}><Switch size="small" className="hold" checked={conversation.onHold ?? false} onChange={(onHold) => void change('POST', 'hold', { onHold })} />{t.hold}</Space>
              <Button className="resolve" onClick={() => void change('POST', 'resolve', {})}>{t.resolve}</Button>
            </>
          )}
        </Space>}>
        <div ref={list} className="transcript" style={{ height: 420, overflowY: 'auto', background: '#fafafa', padding: 8 }}>
          {messages.map((m) => <Bubble key={m.seq} m={m} />)}
        </div>
        <Space style={{ marginTop: 8 }}>
          <Segmented size="small" className="composer-mode" value={mode} onChange={(v) => setMode(v as 'reply' | 'note')} options={[{ value: 'reply', label: t.reply }, { value: 'note', label: t.note }]} />
        </Space>
        <Space.Compact style={{ width: '100%', marginTop: 4 }}>
          <AutoComplete style={{ flex: 1 }} value={draft} options={cannedOptions} onSelect={(v: string) => setDraft(v)} onChange={(v: string) => setDraft(v)} disabled={mode === 'reply' ? !mine : !open}>
            <Input.TextArea id="composer" autoSize={{ minRows: 1, maxRows: 4 }} placeholder={mode === 'note' ? t.notePlaceholder : t.composerPlaceholder} onPressEnter={(e) => { if (!e.shiftKey && !cannedOptions.length) { e.preventDefault(); send(); } }} />
          </AutoComplete>
          <Button type="primary" className="send" disabled={mode === 'reply' ? !mine : !open} onClick={send}>{mode === 'note' ? t.addNote : t.send}</Button>
        </Space.Compact>
      </Card>
      {conversation && (
        <div style={{ width: 300 }}>
          <TicketPanel c={conversation} onJump={(seq) => list.current?.querySelector(`[data-seq="${seq}"]`)?.scrollIntoView({ block: 'center' })} onEdit={(field, text) => void change('PUT', 'ticket', { field, text })} />
          {/* Account cases (category "account") open the security view at once. */}
          <CustomerPanel userId={conversation.userId} accountCase={conversation.ticket?.category?.value === 'account'} />
        </div>
      )}
    </div>
  );
}

export function Workbench({ session }: { session: Session }) {
  const t = useT();
  const [selected, setSelected] = useState<string>();
  const [box, setBox] = useState<'waiting' | 'mine' | 'all'>('waiting');
  const supervising = session.principal.role !== 'agent';
  return (
    <div style={{ display: 'flex', gap: 12 }}>
      <Card size="small" style={{ width: 300 }}>
        <Tabs activeKey={box} onChange={(k) => setBox(k as 'waiting' | 'mine' | 'all')} items={[{ key: 'waiting', label: <Badge dot={false}>{t.waiting}</Badge> }, { key: 'mine', label: t.mine }, ...(supervising ? [{ key: 'all', label: t.all }] : [])]} />
        <Inbox box={box} selected={selected} onSelect={setSelected} />
      </Card>
      <div style={{ flex: 1 }}>{selected ? <ConversationView key={selected} id={selected} session={session} /> : <Empty description={t.noConversation} style={{ marginTop: 96 }} />}</div>
    </div>
  );
}
