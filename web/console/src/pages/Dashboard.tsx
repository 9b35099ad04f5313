import { useEffect, useRef, useState } from 'react';
import { Card, Col, DatePicker, Row, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api } from '../api';
import { useLabel, useT, useTr } from '../i18n';
import { ErrorBoundary } from '../ErrorBoundary';
import type { AutomationFigures as Automation, QualityOverview } from '../../../../shared/metrics';
import type { LiveBoard } from '../../../../shared/routing';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Overview = QualityOverview;
type Live = LiveBoard;

/** Volume by category, the axis in the categories' names. */
function CategoryChart({ volume }: { volume: Record<string, number> }) {
  const label = useLabel();
  const chart = useRef<HTMLDivElement>(null);
  const entries = Object.entries(volume).sort((a, b) => b[1] - a[1]);
  const names = entries.map((e) => label('category', e[0]));
  useEffect(() => {
    if (!chart.current) return;
    const c = echarts.init(chart.current);
    c.setOption({ tooltip: {}, grid: { left: 40, right: 16, top: 16, bottom: 32 }, xAxis: { type: 'category', data: names }, yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', data: entries.map((e) => e[1]), itemStyle: { color: '#1677ff' } }] });
    const observer = new ResizeObserver(() => !c.isDisposed() && c.resize());
    observer.observe(chart.current);
    return () => {
      observer.disconnect();
      c.dispose();
    };
  }, [JSON.stringify(entries), names.join()]);
  return <div ref={chart} className="category-chart" style={{ height: 240 }} />;
}

/**
 * Per category: questions, the share the bot settled alone, the share of those that held, and the
 * self-service rate beside them; the automation figure green or red against its goal.
 */
function AutomationTable({ rows, goal }: { rows: Record<string, Automation>; goal?: { target: number } }) {
  const t = useT();
  const label = useLabel();
  const percent = (v: number | null) => (v === null ? t.noData : `${v} %`);
  return (
    <Table
      size="small"
      className="automation-table"
      rowKey="category"
      pagination={false}
      dataSource={Object.entries(rows).map(([category, a]) => ({ category, ...a }))}
      columns={[
        { title: t.category, dataIndex: 'category', render: (c: string) => label('category', c) },
        { title: t.questions, dataIndex: 'questions', className: 'questions', align: 'right' },
        { title: t.automation, dataIndex: 'automationRatePct', className: 'automation', align: 'right', render: (v: number | null) => <span style={{ color: v === null || !goal ? undefined : v >= goal.target ? '#389e0d' : '#cf1322' }}>{percent(v)}</span> },
        { title: t.verifiedResolution, dataIndex: 'verifiedResolutionPct', className: 'verified', align: 'right', render: percent },
        { title: t.selfService, dataIndex: 'selfServiceRatePct', className: 'self-service', align: 'right', render: percent },
      ]}
    />
  );
}

/** One figure against its goal: green when it meets it, red when not, grey without data; the definition on hover. */
function Figure({ id, title, value, suffix, goal, definition }: { id: string; title: string; value: number | null; suffix: string; goal?: { target: number; better: 'lower' | 'higher' }; definition: string }) {
  const t = useT();
  const met = value === null || !goal ? undefined : goal.better === 'lower' ? value <= goal.target : value >= goal.target;
  return (
    <Card size="small" className={`metric metric-${id}`}>
      <Tooltip title={definition}>
        <Statistic title={<span style={{ borderBottom: '1px dashed #bfbfbf' }}>{title}</span>} value={value ?? t.noData} suffix={value === null ? undefined : suffix} styles={{ content: { color: met === undefined ? undefined : met ? '#389e0d' : '#cf1322' } }} />
      </Tooltip>
      {goal && <Tag className="goal" color={met === undefined ? 'default' : met ? 'green' : 'red'}>{t.goal} {goal.better === 'lower' ? '≤' : '≥'} {goal.target}{suffix}</Tag>}
    </Card>
  );
}

export function Dashboard() {
  const t = useT();
  const tr = useTr();
  const label = useLabel();
  const [overview, setOverview] = useState<Overview>();
  const [live, setLive] = useState<Live>();
  // The period: the last 7 days by default, any range up to a year.
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(7, 'day').startOf('day'), dayjs()]);
  useEffect(() => {
    void api<Overview>('GET', `/v1/stats/overview?from=${encodeURIComponent(range[0].toISOString())}&to=${encodeURIComponent(range[1].toISOString())}`).then(setOverview, () => undefined);
  }, [range]);
  useEffect(() => {
    const load = () => void api<Live>('GET', '/v1/stats/live').then(setLive, () => undefined);
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, []);
  if (!overview) return null;
  const m = overview.metrics;
  const d = overview.definitions;
  return (
    <div>
      <div style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker className="period" showTime value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} presets={[{ label: tr('今天'), value: [dayjs().startOf('day'), dayjs()] }, { label: tr('近 7 天'), value: [dayjs().subtract(7, 'day'), dayjs()] }, { label: tr('近 30 天'), value: [dayjs().subtract(30, 'day'), dayjs()] }]} />
      </div>
      <Row gutter={[12, 12]}>
        <Col span={8}><ErrorBoundary panel="metric-volume"><Figure id="volume" title={t.volume} value={m.volume} suffix="" definition={d['volume']} /></ErrorBoundary></Col>
        <Col span={8}><ErrorBoundary panel="metric-firstResponse"><Figure id="firstResponse" title={t.firstResponse} value={m.firstResponseSeconds} suffix=" s" goal={overview.goals['firstResponseSeconds']} definition={d['firstResponseSeconds']} /></ErrorBoundary></Col>
        <Col span={8}><ErrorBoundary panel="metric-sla"><Figure id="sla" title={t.slaBreaches} value={m.slaBreaches} suffix="" definition={d['slaBreaches']} /></ErrorBoundary></Col>
        <Col span={8}><ErrorBoundary panel="metric-fcr"><Figure id="fcr" title={t.fcr} value={m.firstContactResolutionPct} suffix=" %" goal={overview.goals['firstContactResolutionPct']} definition={d['firstContactResolutionPct']} /></ErrorBoundary></Col>
        <Col span={8}><ErrorBoundary panel="metric-complaint"><Figure id="complaint" title={t.complaintRate} value={m.complaintRatePct} suffix=" %" goal={overview.goals['complaintRatePct']} definition={d['complaintRatePct']} /></ErrorBoundary></Col>
        <Col span={8}><ErrorBoundary panel="metric-satisfaction"><Figure id="satisfaction" title={t.satisfaction} value={m.satisfactionAvg} suffix=" ★" definition={d['satisfactionAvg']} /></ErrorBoundary></Col>
        {/* Self-service and automation side by side: 解决了 among ended conversations, then the bot alone over all questions. */}
        <Col span={8}><ErrorBoundary panel="metric-selfService"><Figure id="selfService" title={t.selfService} value={m.selfServiceRatePct} suffix=" %" goal={overview.goals['selfServiceRatePct']} definition={d['selfServiceRatePct']} /></ErrorBoundary></Col>
        <Col span={8}><ErrorBoundary panel="metric-automation"><Figure id="automation" title={t.automation} value={m.automationRatePct} suffix=" %" goal={overview.goals['automationRatePct']} definition={d['automationRatePct']} /></ErrorBoundary></Col>
        <Col span={8}><ErrorBoundary panel="metric-verified"><Figure id="verified" title={t.verifiedResolution} value={m.verifiedResolutionPct} suffix=" %" definition={d['verifiedResolutionPct']} /></ErrorBoundary></Col>
      </Row>
      <Row style={{ marginTop: 12 }}>
        <Col span={24}>
          <Card size="small" title={<Tooltip title={d['automationByCategory']}>{t.automationByCategory}</Tooltip>}>
            <ErrorBoundary panel="automation-by-category"><AutomationTable rows={m.automationByCategory} {...(overview.goals['automationRatePct'] ? { goal: overview.goals['automationRatePct'] } : {})} /></ErrorBoundary>
          </Card>
        </Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col span={14}>
          <Card size="small" title={<Tooltip title={d['volumeByCategory']}>{t.byCategory}</Tooltip>}>
            <ErrorBoundary panel="category-chart"><CategoryChart volume={m.volumeByCategory} /></ErrorBoundary>
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title={t.live}>
            <ErrorBoundary panel="live">
              <Typography.Paragraph className="agents">
                {t.agentsOnline} {live?.agents.online ?? 0} · {t.agentsBusy} {live?.agents.busy ?? 0} · {t.agentsAway} {live?.agents.away ?? 0} · {t.agentsOffline} {live?.agents.offline ?? 0}
              </Typography.Paragraph>
              <Table size="small" rowKey="groupId" pagination={false} dataSource={live?.queues ?? []} columns={[{ title: t.queue, dataIndex: 'name' }, { title: '#', dataIndex: 'waiting' }, { title: t.longestWait, dataIndex: 'longestWaitSeconds', render: (s: number) => `${s} s` }]} />
              <Table
                size="small"
                className="agent-list"
                rowKey="agentId"
                pagination={false}
                style={{ marginTop: 12 }}
                dataSource={live?.agentList ?? []}
                columns={[
                  { title: t.agents, dataIndex: 'name' },
                  { title: t.presence, dataIndex: 'status', render: (s: string) => <Tag className={`agent-${s}`} color={s === 'online' ? 'green' : s === 'offline' ? 'default' : 'orange'}>{label('presence', s)}</Tag> },
                  { title: t.capacity, key: 'load', render: (_: unknown, a: { active: number; capacity: number }) => `${a.active}/${a.capacity}` },
                ]}
              />
            </ErrorBoundary>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
