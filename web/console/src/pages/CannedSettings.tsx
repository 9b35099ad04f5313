import { useEffect, useState } from 'react';
import { Button, Card, Input, Space } from 'antd';
import { toast } from '../toast';
import { useTr } from '../i18n';
import { api, ApiError } from '../api';
import type { CannedRepliesRequest } from '../../../../shared/schemas';

type Reply = CannedRepliesRequest['replies'][number];

/** Canned replies: what agents insert by typing "/" in the composer. */
export function CannedSettings() {
  const tr = useTr();
  const [replies, setReplies] = useState<Reply[]>();
  useEffect(() => {
    void api<{ replies: Reply[] }>('GET', '/v1/agent/canned-replies').then((r) => setReplies(r.replies));
  }, []);
  if (!replies) return null;
  const set = (i: number, patch: Partial<Reply>) => setReplies(replies.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = async () => {
    try {
      await api('PUT', '/v1/merchant/canned-replies', { replies: replies.filter((r) => r.title.trim() && r.text.trim()) });
      void toast.success(tr('已保存'));
    } catch (err) {
      void toast.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Card size="small" title={tr('快捷回复')} className="canned-settings" extra={<Space><Button onClick={() => setReplies([...replies, { title: '', text: '' }])}>{tr('新增')}</Button><Button type="primary" className="save-canned" onClick={() => void save()}>{tr('保存')}</Button></Space>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {replies.map((r, i) => (
          <Space.Compact key={i} style={{ width: '100%' }}>
            <Input style={{ width: 140 }} placeholder={tr('标题')} maxLength={30} value={r.title} onChange={(e) => set(i, { title: e.target.value })} />
            <Input placeholder={tr('内容')} maxLength={1000} value={r.text} onChange={(e) => set(i, { text: e.target.value })} />
            <Button danger onClick={() => setReplies(replies.filter((_, j) => j !== i))}>{tr('删除')}</Button>
          </Space.Compact>
        ))}
      </Space>
    </Card>
  );
}
