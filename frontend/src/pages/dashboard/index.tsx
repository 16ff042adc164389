// 研判看板: the leaders' home — this month's key figures of the unit with their 环比
// and 同比, twelve months of matters and disputes, matters by category and by child
// unit, the warnings open and the latest assessment ranking. Every chart opens the
// records behind what was clicked (GET /statistics/records). ECharts is loaded with
// this screen only.

import { useApiUrl, useCustom, useGetIdentity, useList, useTranslate } from '@refinedev/core';
import { Card, Col, Drawer, Empty, List as AntList, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { DASHBOARD_FIGURES } from '../../../../extensions/domains/statistics/dashboard.ts';
import { Chart, type ChartOption } from '../../components/chart.tsx';
import { thisMonth } from '../../components/months.ts';
import type { Identity } from '../../providers/auth-provider.ts';
import { recordPath } from '../assessment/index.tsx';
import { MonthlyReport } from '../reports/monthly-report.tsx';

interface Tally {
  value: number;
  of?: number;
  rate?: number | null;
  groups?: Record<string, Record<string, number>>;
}
interface Figure {
  key: string;
  label: string;
  kind: 'count' | 'rate' | 'duration';
  total: Tally;
  change_before: number | null;
  change_year: number | null;
  children: ({ unit: number; name: string } & Tally)[];
}
interface Trend {
  label: string;
  children: { unit: number; name: string }[];
  points: { span: string; value: number | null; children: (number | null)[] }[];
}
interface Drill {
  title: string;
  query: string;
}

const LEVEL_COLOURS = { red: '#cf1322', orange: '#fa8c16', yellow: '#fadb14', blue: '#1677ff' } as const;

function useGet<T>(path: string | null) {
  const apiUrl = useApiUrl();
  const { query } = useCustom({ url: `${apiUrl}${path ?? ''}`, method: 'get', queryOptions: { enabled: path !== null, retry: false } });
  return { data: query.data?.data as T | undefined, loading: query.isLoading };
}

function Points() {
  const t = useTranslate();
  return <>{t('dashboard.points')}</>;
}

function Change({ label, value, rate }: { label: string; value: number | null; rate: boolean }) {
  if (value === null) return <Typography.Text type="secondary">{label} —</Typography.Text>;
  const colour = value > 0 ? '#cf1322' : value < 0 ? '#389e0d' : undefined;
  return (
    <Typography.Text style={{ color: colour }}>
      {label} {value > 0 ? '+' : ''}
      {value}
      {rate ? <Points /> : '%'}
    </Typography.Text>
  );
}

/** The records behind a clicked figure, each opening in its own screen. */
function DrillDown({ drill, onClose }: { drill: Drill | null; onClose: () => void }) {
  const t = useTranslate();
  const { data, loading } = useGet<{ collection: string; ids: number[]; more: number }>(
    drill ? `/statistics/records?${drill.query}` : null,
  );
  return (
    <Drawer open={drill !== null} onClose={onClose} title={drill?.title} width={420} destroyOnHidden>
      <AntList
        loading={loading}
        dataSource={data?.ids ?? []}
        locale={{ emptyText: t('dashboard.noRecords') }}
        renderItem={(id) => (
          <AntList.Item>
            <Link to={recordPath(data!.collection, id)} data-testid="drill-record">
              {t('dashboard.record', { id })}
            </Link>
          </AntList.Item>
        )}
        footer={data?.more ? t('dashboard.more', { count: data.more }) : null}
      />
    </Drawer>
  );
}

export function Dashboard() {
  const t = useTranslate();
  const { data: me } = useGetIdentity<Identity>();
  const [drill, setDrill] = useState<Drill | null>(null);
  const span = thisMonth();
  const stats = useGet<{ figures: Figure[] }>(`/statistics?span=${span}&figures=${DASHBOARD_FIGURES.join(',')}`);
  const matters = useGet<Trend>('/statistics/trend?figure=matters&months=12');
  const disputes = useGet<Trend>('/statistics/trend?figure=disputes&months=12');
  const { result: categories } = useList<{ id: number; name: string }>({
    resource: 'matter_categories',
    pagination: { pageSize: 500 },
    meta: { fields: ['id', 'name'] },
  });
  const { result: warnings } = useList<{ id: number; level: keyof typeof LEVEL_COLOURS; title: string }>({
    resource: 'warnings',
    pagination: { pageSize: 200 },
    filters: [{ field: 'status', operator: 'in', value: ['raised', 'acknowledged', 'handled'] }],
    sorters: [{ field: 'raised_at', order: 'desc' }],
    meta: { fields: ['id', 'level', 'title'] },
  });
  const runs = useGet<{ id: number; period: string; title: string; table: boolean }[]>('/assessment/runs');
  const run = runs.data?.find((r) => r.table);
  const ranking = useGet<{ period: string; units: { unit: number; name: string; total: number; rank: number }[] }>(
    run ? `/assessment/runs/${run.id}` : null,
  );
  const figure = (key: string) => stats.data?.figures.find((f) => f.key === key);
  // The district's and streets' offices issue the bulletin (their leaders read it).
  const offices = (me?.unit?.level === 'district' || me?.unit?.level === 'street') && me?.job !== 'leader';
  const categoryName = useMemo(() => new Map((categories.data ?? []).map((c) => [String(c.id), c.name])), [categories.data]);

  const trendOption = useMemo((): ChartOption | null => {
    if (!matters.data || !disputes.data) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: matters.data.points.map((p) => p.span) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('dashboard.matters'), type: 'line', data: matters.data.points.map((p) => p.value) },
        { name: t('dashboard.disputes'), type: 'line', data: disputes.data.points.map((p) => p.value) },
      ],
    };
  }, [matters.data, disputes.data, t]);

  const byCategory = figure('matters')?.total.groups?.category ?? {};
  const categoryEntries = Object.entries(byCategory).sort((a, b) => b[1] - a[1]);
  const categoryOption: ChartOption = {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        data: categoryEntries.map(([id, value]) => ({ name: categoryName.get(id) ?? t('dashboard.uncategorised'), value, id })),
      },
    ],
  };

  const children = figure('matters')?.children ?? [];
  const onTime = figure('matters_closed_on_time')?.children ?? [];
  const childOption: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 40, top: 32, bottom: 48 },
    xAxis: { type: 'category', data: children.map((c) => c.name), axisLabel: { interval: 0, rotate: children.length > 6 ? 30 : 0 } },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: t('dashboard.matters'), type: 'bar', data: children.map((c) => c.value) },
      { name: t('dashboard.onTime'), type: 'line', yAxisIndex: 1, data: onTime.map((c) => c.rate ?? null) },
    ],
  };

  const openWarnings = warnings.data ?? [];
  const rankingUnits = [...(ranking.data?.units ?? [])].sort((a, b) => a.rank - b.rank);
  const rankingOption: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 90, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', inverse: true, data: rankingUnits.map((u) => u.name) },
    series: [{ type: 'bar', data: rankingUnits.map((u) => u.total), label: { show: true, position: 'right' } }],
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('dashboard.title', { unit: me?.unit?.name ?? '', month: span })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {DASHBOARD_FIGURES.map((key) => {
          const f = figure(key);
          const rate = f?.kind === 'rate';
          return (
            <Col xs={12} md={6} key={key}>
              <Card
                size="small"
                loading={stats.loading}
                hoverable
                onClick={() =>
                  f && setDrill({ title: t(`dashboard.figures.${key}`), query: `span=${span}&figure=${key}${rate ? '&hit=0' : ''}` })
                }
                data-testid={`figure-${key}`}
              >
                <Statistic
                  title={t(`dashboard.figures.${key}`)}
                  value={f ? (rate ? (f.total.rate ?? '—') : f.total.value) : '—'}
                  suffix={rate && f?.total.rate !== null ? '%' : undefined}
                />
                {f && (
                  <Space size={12} wrap>
                    <Change label={t('dashboard.mom')} value={f.change_before} rate={rate} />
                    <Change label={t('dashboard.yoy')} value={f.change_year} rate={rate} />
                  </Space>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('dashboard.trend')}>
            {trendOption ? (
              <Chart
                option={trendOption}
                testId="chart-trend"
                onClick={(c) =>
                  setDrill({
                    title: `${c.name} ${c.seriesName ?? ''}`,
                    query: `span=${c.name}&figure=${c.seriesName === t('dashboard.disputes') ? 'disputes' : 'matters'}`,
                  })
                }
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('dashboard.byCategory')}>
            {categoryEntries.length ? (
              <Chart
                option={categoryOption}
                testId="chart-category"
                onClick={(c) => {
                  const id = categoryEntries[c.dataIndex]?.[0] ?? '';
                  setDrill({ title: c.name, query: `span=${span}&figure=matters&group=category&value=${encodeURIComponent(id)}` });
                }}
              />
            ) : (
              <Empty description={t('dashboard.none')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('dashboard.byUnit')}>
            {children.length ? (
              <Chart
                option={childOption}
                testId="chart-units"
                onClick={(c) => {
                  const child = children[c.dataIndex];
                  if (child)
                    setDrill({ title: `${child.name} ${c.seriesName ?? ''}`, query: `span=${span}&figure=matters&unit=${child.unit}` });
                }}
              />
            ) : (
              <Empty description={t('dashboard.none')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={t('dashboard.warnings', { count: openWarnings.length })}
            extra={<Link to="/warnings">{t('dashboard.all')}</Link>}
          >
            <Space wrap style={{ marginBottom: 8 }}>
              {(Object.keys(LEVEL_COLOURS) as (keyof typeof LEVEL_COLOURS)[]).map((level) => (
                <Tag key={level} color={LEVEL_COLOURS[level]} data-testid={`warnings-${level}`}>
                  {t(`warnings.levels.${level}`)} {openWarnings.filter((w) => w.level === level).length}
                </Tag>
              ))}
            </Space>
            <AntList
              size="small"
              dataSource={openWarnings.slice(0, 5)}
              locale={{ emptyText: t('warnings.none') }}
              renderItem={(w) => (
                <AntList.Item>
                  <Link to="/warnings">{w.title}</Link>
                </AntList.Item>
              )}
            />
          </Card>
        </Col>
        {rankingUnits.length > 0 && (
          <Col xs={24}>
            <Card
              size="small"
              title={t('dashboard.ranking', { period: ranking.data?.period ?? '' })}
              extra={<Link to="/assessment">{t('dashboard.all')}</Link>}
            >
              <Chart option={rankingOption} height={Math.max(160, rankingUnits.length * 28)} testId="chart-ranking" />
            </Card>
          </Col>
        )}
      </Row>
      {offices && <MonthlyReport kind="bulletin" />}
      <DrillDown drill={drill} onClose={() => setDrill(null)} />
    </Space>
  );
}
