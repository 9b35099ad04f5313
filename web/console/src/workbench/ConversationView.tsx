import { useEffect, useRef, useState } from 'react';
import { Alert, AutoComplete, Button, Card, Input, Segmented, Space, Switch, Tag, Typography } from 'antd';
import { toast } from '../toast';
import { api, ApiError, type Session } from '../api';
import { useLabel, useT } from '../i18n';
import { ErrorBoundary } from '../ErrorBoundary';
import type { Conversation, ConversationEvent, Message, CannedRepliesRequest } from '../../../../shared/schemas';
import { applyConversationEvents, newerConversation } from '../../../../shared/client';
import { useLongPoll } from './useLongPoll';
import { Transcript } from './Transcript';
import { TransferSelect } from './TransferSelect';
import { TicketPanel } from './TicketPanel';
import { SidePanel } from './SidePanel';

const newId = () => `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Who, where it stands, who holds it and why it was routed there: all kept current by the events. */
function ConversationTitle({ c, userName }: { c: Conversation; userName: (id: string) => string }) {
  const label = useLabel();
  return (
    <Space size={6}>
      <span className="conversation-title">{`${userName(c.userId)} · ${label('status', c.status)}`}</span>
      {c.status === 'assigned' && c.assigneeName ? <Tag color="blue" className="assignee">{c.assigneeName}</Tag> : null}
      {c.routing ? <Typography.Text type="secondary" className="routing" style={{ fontSize: 12 }}>{c.routing.reason}{c.routing.note ? ` · ${c.routing.note}` : ''}</Typography.Text> : null}
    </Space>
  );
}

/**
 * One conversation: the transcript filling the height with the composer under it, the ticket and
 * the customer beside it. Only the assignee replies; a colleague sees who handles it and may add a
 * note (a supervisor's whisper) or, as a supervisor, take it over.
 */
export function ConversationView({ id, session, userName }: { id: string; session: Session; userName: (id: string) => string }) {
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
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void api<CannedRepliesRequest>('GET', '/v1/agent/canned-replies').then((r) => setCanned(r.replies), () => undefined);
    void api<{ groups: { id: string; name: string }[] }>('GET', '/v1/agent/groups').then((r) => setGroups(r.groups), () => undefined);
  }, []);

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
  const me = session.principal.id;
  const supervising = session.principal.role !== 'agent';
  const mine = conversation?.assigneeId === me;
  const open = conversation?.status === 'queued' || conversation?.status === 'assigned';
  const canReply = mine && conversation?.status === 'assigned';
  const othersCase = conversation?.status === 'assigned' && !mine;
  const writing = canReply ? mode : 'note';
  // The security tab comes forward once: if the case is an account case when it becomes this
  // agent's (claimed or assigned), never later because a message or a correction changed the category.
  const securityOnce = useRef<boolean | undefined>(undefined);
  if (conversation && mine && securityOnce.current === undefined) securityOnce.current = conversation.ticket?.category?.value === 'account';
  const send = () => {
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    void act(async () => {
      try {
        await api('POST', `/v1/agent/conversations/${id}/${writing === 'note' ? 'notes' : 'messages'}`, { clientMessageId: newId(), text });
      } catch (err) {
        // Not sent: what was typed comes back, unless something new was typed meanwhile.
        setDraft((now) => now || draft);
        throw err;
      }
    });
  };
  // A reply being written when the conversation stopped being this agent's (transferred, taken
  // over, re-queued) would now be added as a note: said above the composer, not switched silently.
  const replyTurnedNote = mode === 'reply' && !canReply && draft.trim() !== '';
  // "/" followed by part of a title lists the canned replies; picking one fills the composer.
  const query = draft.startsWith('/') ? draft.slice(1).trim() : undefined;
  const cannedOptions = query === undefined ? [] : canned.filter((r) => r.title.includes(query) || r.text.includes(query)).map((r) => ({ value: r.text, label: <span className="canned-option"><b>{r.title}</b> {r.text}</span> }));
  return (
    <div style={{ display: 'flex', gap: 12, height: '100%', minWidth: 0 }}>
      <Card
        size="small"
        className="conversation"
        style={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}
        styles={{ body: { flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0, padding: 8 } }}
        title={conversation ? <ConversationTitle c={conversation} userName={userName} /> : ''}
        extra={<Space wrap>
          {conversation?.status === 'queued' && <Button type="primary" className="claim" onClick={() => void change('POST', 'claim', {})}>{t.claim}</Button>}
          {supervising && othersCase && <Button className="take-over" onClick={() => void change('POST', 'transfer', { toAgentId: me })}>{t.takeOver}</Button>}
          {canReply && conversation && (
            <>
              <TransferSelect groups={groups} transfer={(target) => void change('POST', 'transfer', target)} />
              <Button size="small" className="escalate" onClick={() => void change('POST', 'escalate', {})}>{t.escalate}</Button>
              <Space size={4}><Switch size="small" className="hold" checked={conversation.onHold ?? false} onChange={(onHold) => void change('POST', 'hold', { onHold })} />{t.hold}</Space>
              <Button className="resolve" onClick={() => void change('POST', 'resolve', {})}>{t.resolve}</Button>
            </>
          )}
        </Space>}
      >
        {othersCase && conversation?.assigneeName && <Alert className="handled-by" type="info" showIcon style={{ marginBottom: 8 }} title={`${t.handledBy}: ${conversation.assigneeName} · ${t.onlyAssignee}`} />}
        <ErrorBoundary panel="transcript" resetKey={id}>
          <Transcript messages={messages} userName={userName} list={list} />
        </ErrorBoundary>
        <div className="composer" style={{ flex: 'none', paddingTop: 8 }}>
          {replyTurnedNote && <Alert className="reply-now-note" type="warning" showIcon style={{ marginBottom: 4 }} title={t.replyNowNote} />}
          <Segmented size="small" className="composer-mode" value={writing} onChange={(v) => setMode(v as 'reply' | 'note')} options={[{ value: 'reply', label: t.reply, disabled: !canReply }, { value: 'note', label: supervising && !mine ? t.whisper : t.note }]} />
          <Space.Compact style={{ width: '100%', marginTop: 4 }}>
            <AutoComplete style={{ flex: 1 }} value={draft} options={cannedOptions} defaultActiveFirstOption onSelect={(v: string) => setDraft(v)} onChange={(v: string) => setDraft(v)} disabled={!open}>
              <Input.TextArea id="composer" maxLength={2000} showCount autoSize={{ minRows: 2, maxRows: 6 }} placeholder={writing === 'note' ? t.notePlaceholder : t.composerPlaceholder} onPressEnter={(e) => {
                // With the canned list open, Enter picks the highlighted reply (the list's own key
                // handling), not a newline in the draft; else it sends.
                if (e.shiftKey) return;
                e.preventDefault();
                if (!cannedOptions.length) send();
              }} />
            </AutoComplete>
            <Button type="primary" className="send" disabled={!open} onClick={send} style={{ height: 'auto' }}>{writing === 'note' ? t.addNote : t.send}</Button>
          </Space.Compact>
        </div>
      </Card>
      {conversation && (
        <div className="side" style={{ width: 340, flex: 'none', overflowY: 'auto' }}>
          <ErrorBoundary panel="ticket" resetKey={id}>
            <TicketPanel c={conversation} canEdit={open && (mine || supervising)} onJump={(seq) => list.current?.querySelector(`[data-seq="${seq}"]`)?.scrollIntoView({ block: 'center' })} onEdit={(field, text) => void change('PUT', 'ticket', { field, text })} />
          </ErrorBoundary>
          <SidePanel userId={conversation.userId} conversationId={conversation.id} openSecurity={securityOnce.current ?? false} />
        </div>
      )}
    </div>
  );
}
