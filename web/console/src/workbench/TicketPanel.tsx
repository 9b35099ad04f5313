import { Button, Card, Descriptions, Select, Space, Tag, Typography } from 'antd';
import type { Conversation, FlowContext } from '../../../../shared/schemas';
import { codesOf, useLabel, useT, useTr, type Texts } from '../i18n';
import { yuan } from './SecurityView';

type Editable = 'orderNo' | 'amount' | 'time';
type Contact = 'phone' | 'bankCard' | 'cardTail' | 'idCard';

/**
 * What a self-service flow handed over with the conversation: which flow, the transaction it found
 * (masked reference, the counterparty as the card showed it) and the steps it took, so the agent
 * starts where the bot stopped instead of asking again.
 */
function FlowHandoff({ flow }: { flow: FlowContext }) {
  const texts = useT();
  const tr = useTr();
  const label = useLabel();
  const t = flow.transaction;
  return (
    <div className="handoff-flow" style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8, marginTop: 4 }}>
      <Space size={6} style={{ marginBottom: 4 }}>
        <Typography.Text strong>{tr('自助查询')}</Typography.Text>
        <Tag color="blue" className="handoff-flow-name">{label('flow', flow.flow)}</Tag>
      </Space>
      {t ? (
        <Descriptions
          className="handoff-transaction"
          column={1}
          size="small"
          items={[
            { key: 'amount', label: texts.amount, children: yuan(t.amountFen, tr('元')) },
            // The merchant's own clock, as the card and the customer panel show it (not the browser's).
            { key: 'at', label: texts.time, children: t.at.slice(5, 16).replace('T', ' ') },
            { key: 'counterparty', label: tr('对方'), children: t.counterparty },
            { key: 'status', label: tr('状态'), children: t.status },
            ...(t.ref ? [{ key: 'ref', label: tr('单号'), children: t.ref }] : []),
          ]}
        />
      ) : (
        <Typography.Text type="secondary" className="handoff-no-transaction" style={{ display: 'block' }}>{tr('未查到交易')}</Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 6 }}>{tr('已做的步骤')}</Typography.Text>
      <ol className="handoff-steps" style={{ margin: '2px 0 0', paddingLeft: 20 }}>
        {flow.steps.map((step, i) => <li key={i}>{step}</li>)}
      </ol>
    </div>
  );
}

/**
 * The ticket the understanding step filled: the category as a select of the merchant's
 * categories (their Chinese names), order number, amount and time correctable, and the contact
 * entities the user gave (phone, card, ID), shown masked. Each field jumps to its message. A
 * different category a later message suggests is offered, never applied by itself.
 */
export function TicketPanel({ c, onJump, onEdit, canEdit }: { c: Conversation; onJump: (seq: number) => void; onEdit: (field: string, text: string) => void; canEdit: boolean }) {
  const t = useT();
  const tr = useTr();
  const label = useLabel();
  const ticket = c.ticket ?? {};
  const source = (f: { seq: number; editedBy?: string; via?: 'image' | 'voice' } | undefined) =>
    f && (
      <>
        {f.editedBy && <Tag className="ticket-edited">{t.edited}</Tag>}
        {f.via === 'image' && <Tag color="purple">{t.fromPicture}</Tag>}
        {f.via === 'voice' && <Tag color="cyan">{t.fromVoice}</Tag>}
        <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onJump(f.seq)}>#{f.seq}</Button>
      </>
    );
  const editable: [Editable, keyof Texts][] = [['orderNo', 'orderNo'], ['amount', 'amount'], ['time', 'time']];
  const contacts: [Contact, keyof Texts][] = [['phone', 'phone'], ['bankCard', 'bankCard'], ['cardTail', 'cardTail'], ['idCard', 'idCard']];
  const suggestion = ticket.categorySuggestion;
  return (
    <Card size="small" title={t.ticket} className="ticket-panel">
      <Descriptions column={1} size="small">
        {c.handoff && (
          <Descriptions.Item label={tr('转人工原因')}>
            <Tag className="handoff-reason">{label('reason', c.handoff.reason)}</Tag>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t.category}>
          <Space size={4} wrap>
            <Select
              size="small"
              className="ticket-category"
              style={{ width: 120 }}
              disabled={!canEdit}
              value={ticket.category?.value}
              placeholder="—"
              options={codesOf('category').map((code) => ({ value: code, label: label('category', code) }))}
              onChange={(code: string) => onEdit('category', code)}
            />
            {source(ticket.category)}
          </Space>
        </Descriptions.Item>
        {suggestion && (
          <Descriptions.Item label={t.suggestion}>
            <Space size={4} className="category-suggestion" wrap>
              <Tag color="orange">{label('category', suggestion.value)}</Tag>
              {canEdit && <Button size="small" type="primary" className="accept-suggestion" onClick={() => onEdit('category', suggestion.value)}>{t.accept}</Button>}
              {canEdit && ticket.category && <Button size="small" className="dismiss-suggestion" onClick={() => onEdit('category', ticket.category!.value)}>{t.dismiss}</Button>}
              <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onJump(suggestion.seq)}>#{suggestion.seq}</Button>
            </Space>
          </Descriptions.Item>
        )}
        {editable.map(([key, name]) => {
          const f = ticket[key];
          const shown = f ? f.text : '—';
          return (
            <Descriptions.Item key={key} label={t[name]}>
              <Space size={4} wrap>
                <Typography.Text className={`ticket-${key}`} editable={canEdit ? { onChange: (text) => text !== shown && onEdit(key, text === '—' ? '' : text), triggerType: ['icon'] } : false}>{shown}</Typography.Text>
                {source(f)}
              </Space>
            </Descriptions.Item>
          );
        })}
        {contacts.flatMap(([key, name]) => {
          const f = ticket[key];
          return f
            ? [
                <Descriptions.Item key={key} label={t[name]}>
                  <Space size={4} wrap>
                    <Typography.Text className={`ticket-${key}`}>{f.text}</Typography.Text>
                    {source(f)}
                  </Space>
                </Descriptions.Item>,
              ]
            : [];
        })}
      </Descriptions>
      {c.handoff?.flow && <FlowHandoff flow={c.handoff.flow} />}
    </Card>
  );
}
