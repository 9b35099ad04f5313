import { useContext, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { ChoicesBody, Message, StatusCardBody } from '../../../../shared/schemas';
import { api } from '../api';
import { LocaleContext, useLabel, useT, useTr } from '../i18n';
import { chatTexts, mediaLabel, ratingText } from '../../../../shared/client';
import { shortTime } from './clock';

/** Within this many pixels of the bottom the agent is "at the latest message" and follows new ones. */
const STICK_PX = 80;

function MediaLink({ mediaId, kind, alt, onLoad }: { mediaId: string; kind: 'voice' | 'image'; alt: string; onLoad: () => void }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    void api<{ url: string }>('GET', `/v1/media/${mediaId}/url`).then((r) => setUrl(r.url), () => undefined);
  }, [mediaId]);
  if (!url) return null;
  return kind === 'voice' ? <audio controls src={url} style={{ height: 32 }} /> : <img src={url} alt={alt} onLoad={onLoad} style={{ maxWidth: 240, maxHeight: 240, display: 'block' }} />;
}

/**
 * The bot's answer with the user's own data as the user saw it: the rows of what was found, the
 * explanation, and the next steps it offered (links, 转人工), which staff read but do not follow.
 * The flow's name beside a title the merchant worded differently.
 */
function StatusCard({ b }: { b: StatusCardBody }) {
  const tr = useTr();
  const label = useLabel();
  const chat = chatTexts(useContext(LocaleContext));
  return (
    <Card size="small" className="status-card" title={<Space size={6}>{b.title}{b.title !== label('flow', b.flow) && <Tag color="blue">{label('flow', b.flow)}</Tag>}</Space>}>
      {b.facts.length > 0 && (
        <Descriptions className="status-facts" column={1} size="small" items={b.facts.map((f, i) => ({ key: String(i), label: f.label, children: f.value }))} />
      )}
      <div className="status-explanation" style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{b.explanation}</div>
      {(b.actions.length > 0 || b.handoff) && (
        <Space size={4} wrap style={{ marginTop: 6 }} className="status-actions">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tr('提供的按钮')}:</Typography.Text>
          {b.actions.map((a) => <Tag key={a.label}>{a.label}</Tag>)}
          {b.handoff && <Tag>{chat.askHuman}</Tag>}
        </Space>
      )}
    </Card>
  );
}

/** A question with ready answers: the question and the buttons it offered (a tap came back as the user's message). */
function Choices({ b }: { b: ChoicesBody }) {
  const tr = useTr();
  return (
    <div className="choices">
      <span className="bubble-text" style={{ whiteSpace: 'pre-wrap' }}>{b.text}</span>
      <Space size={4} wrap style={{ display: 'flex', marginTop: 4 }} className="choice-items">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tr('可选回答')}:</Typography.Text>
        {b.items.map((i) => <Tag key={i.text} className="choice-item">{i.label}</Tag>)}
      </Space>
    </div>
  );
}

function Bubble({ m, userName, onMedia }: { m: Message; userName: (id: string) => string; onMedia: () => void }) {
  const t = useT();
  const label = useLabel();
  // The chat's own labels ([语音 3″], [图片], the rating line), so staff read what the user saw.
  const chat = chatTexts(useContext(LocaleContext));
  const b = m.body;
  if (b.type === 'system') return <div className="notice" data-seq={m.seq} style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12, margin: '8px 0' }}>{b.text} · {shortTime(m.createdAt)}</div>;
  const mine = m.sender.role === 'agent';
  const who = m.sender.role === 'user' ? userName(m.sender.id) : (m.sender.name ?? label('role', m.sender.role));
  let content;
  if (b.type === 'faqCard') content = <Card size="small" className="faq-card" title={b.question}>{b.answer}</Card>;
  else if (b.type === 'voice') content = <Space orientation="vertical" size={4}><MediaLink mediaId={b.mediaId} kind="voice" alt="" onLoad={onMedia} /><span className="voice-text">{mediaLabel(b, chat)} {b.transcribed ? b.text : <Tag>{chat.untranscribed}</Tag>}</span></Space>;
  else if (b.type === 'image') content = <Space orientation="vertical" size={4}><MediaLink mediaId={b.mediaId} kind="image" alt={mediaLabel(b, chat)} onLoad={onMedia} />{b.text ? <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{b.text}</Typography.Text> : null}</Space>;
  else if (b.type === 'note') content = <span className="note-text" style={{ whiteSpace: 'pre-wrap' }}><Tag color="gold">{t.note}</Tag>{b.text}</span>;
  else if (b.type === 'rating') content = <span className="rating-text">{ratingText(b, chat)}</span>;
  else if (b.type === 'statusCard') content = <StatusCard b={b} />;
  else if (b.type === 'choices') content = <Choices b={b} />;
  else content = <span className="bubble-text" style={{ whiteSpace: 'pre-wrap' }}>{b.text}</span>;
  return (
    <div className={`msg msg-${m.sender.role}`} data-seq={m.seq} style={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start', margin: '6px 0' }}>
      <div style={{ maxWidth: '75%', background: b.type === 'note' ? '#fffbe6' : mine ? '#e6f4ff' : '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: '6px 10px' }}>
        <div style={{ fontSize: 11, color: '#8c8c8c' }}>
          <span className="msg-who">{who}</span> · <time className="msg-time" dateTime={m.createdAt}>{shortTime(m.createdAt)}</time>
        </div>
        {content}
      </div>
    </div>
  );
}

/**
 * The conversation's messages, filling the height it is given. It opens at the latest message and
 * follows new ones while the agent is at the bottom; an agent who scrolled up to read stays where
 * they are and gets a 新消息 pill that takes them down.
 */
export function Transcript({ messages, userName, list }: { messages: Message[]; userName: (id: string) => string; list: RefObject<HTMLDivElement | null> }) {
  const t = useT();
  const atBottom = useRef(true);
  const seen = useRef(0);
  const [unread, setUnread] = useState(false);
  const toBottom = () => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setUnread(false);
  };
  useLayoutEffect(() => {
    const grew = messages.length > seen.current;
    seen.current = messages.length;
    if (!grew) return;
    if (atBottom.current) toBottom();
    else setUnread(true);
  }, [messages.length]);
  return (
    <div style={{ position: 'relative', flex: 1, minHeight: 0 }}>
      <div
        ref={list}
        className="transcript"
        style={{ position: 'absolute', inset: 0, overflowY: 'auto', background: '#fafafa', padding: 8 }}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight <= STICK_PX;
          if (atBottom.current) setUnread(false);
        }}
      >
        {messages.map((m) => <Bubble key={m.seq} m={m} userName={userName} onMedia={() => atBottom.current && toBottom()} />)}
      </div>
      {unread && (
        <Button type="primary" shape="round" size="small" className="new-messages" onClick={toBottom} style={{ position: 'absolute', bottom: 12, left: '50%', transform: 'translateX(-50%)' }}>
          {t.newMessages} ↓
        </Button>
      )}
    </div>
  );
}
