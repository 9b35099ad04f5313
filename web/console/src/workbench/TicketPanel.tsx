import { Button, Card, Descriptions, Select, Space, Tag, Typography } from 'antd';
import type { Conversation } from '../../../../shared/schemas';
import { codesOf, useLabel, useT, type Texts } from '../i18n';

type Editable = 'orderNo' | 'amount' | 'time';
type Contact = 'phone' | 'bankCard' | 'cardTail' | 'idCard';

/**
 * The ticket the understanding step filled: the category as a select of the merchant's
 * categories (their Chinese names), order number, amount and time correctable, and the contact
 * entities the user gave (phone, card, ID), shown masked. Each field jumps to its message. A
 * different category a later message suggests is offered, never applied by itself.
 */
export function TicketPanel({ c, onJump, onEdit, canEdit }: { c: Conversation; onJump: (seq: number) => void; onEdit: (field: string, text: string) => void; canEdit: boolean }) {
  const t = useT();
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
    </Card>
  );
}
