// 考评: the runs the user may read (GET /assessment/runs); for the assessing level
// a run's table of its units — total, sections, rank, the top and bottom five
// (红黑榜) — and for every unit its scorecard: each item's points, the deduction in
// words and the records behind it, opening in their own screens.

import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useApiUrl, useCustom, useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Empty, Form, InputNumber, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { RUN_STEPS, type RunState, type RunStep, type Side, type Step } from '../../../../extensions/domains/assessment/workflow.ts';
import { StepButtons } from '../../components/step-buttons.tsx';
import { Link, useNavigate, useParams } from 'react-router';
import { ListTable } from '../../components/list-table.tsx';

interface RunEntry {
  id: number;
  period: string;
  status: string;
  title: string;
  unit_name: string;
  units: number[];
  table: boolean;
}

interface UnitRow {
  unit: number;
  name: string;
  total: number;
  rank: number;
  sections: { section: number; points: number; full: number }[];
  /** From the period before (null when it was not assessed). */
  change: number | null;
  /** The totals of the last periods, oldest first, this one last (null: not assessed). */
  trend: (number | null)[];
}

interface RunTable {
  id: number;
  period: string;
  status: string;
  sections: { id: number; code: string | null; name: string; points: number }[];
  /** The periods of each unit's trend. */
  periods: string[];
  units: UnitRow[];
}

interface Evidence {
  collection: string;
  ids: number[];
  more: number;
  missing?: string[];
}

interface CardItem {
  id: number;
  score: number | null;
  notes: { step: RunStep; reason: string | null; at: string }[];
  code: string | null;
  name: string;
  full: number;
  points: number | null;
  deducted: number | null;
  reason: string | null;
  pending: boolean;
  measure: { value: number; of?: number } | null;
  evidence: Evidence | null;
}

interface Scorecard {
  period: string;
  status: RunState;
  side: Side | null;
  unit: { id: number; name: string };
  rubric: { title: string; version: number };
  total: number;
  sections: { id: number; code: string | null; name: string; points: number; scored: number; items: CardItem[] }[];
}

/** How many units a 红榜 or 黑榜 names. */
const BOARD = 5;

/** A record behind a figure, in its own screen. */
export const recordPath = (collection: string, id: number) =>
  collection === 'matters' ? `/matters/${id}` : `/data/${collection}/show/${id}`;

function useGet<T>(path: string | null) {
  const apiUrl = useApiUrl();
  const { query } = useCustom({ url: `${apiUrl}${path ?? ''}`, method: 'get', queryOptions: { enabled: path !== null, retry: false } });
  return {
    data: query.data?.data as T | undefined,
    error: query.error as { message?: string } | null,
    loading: query.isLoading,
    reload: () => void query.refetch(),
  };
}

/** The steps a side may take now: on the run, or on one score. */
const stepsFor = (state: RunState, side: Side | null, onScore: boolean) =>
  (Object.entries(RUN_STEPS) as [RunStep, Step][]).filter(
    ([, rule]) => rule.by === side && rule.from.includes(state) && Boolean(rule.onScore) === onScore,
  );

/** A button per step; a step that needs a reason (or points) asks for it first. */
function RunStepButtons({
  run,
  state,
  side,
  score,
  full,
  onDone,
}: {
  run: number;
  state: RunState;
  side: Side | null;
  score?: number;
  full?: number;
  onDone: () => void;
}) {
  const t = useTranslate();
  return (
    <StepButtons
      steps={stepsFor(state, side, score !== undefined).map(([step, rule]) => ({
        key: step,
        label: t(`assessment.steps.${step}`),
        asks: rule.reason || step === 'adjust' ? { required: rule.reason } : false,
        primary: step === 'publish' || step === 'adjust',
      }))}
      url={(step) => `/assessment/runs/${run}/steps/${step}`}
      values={score !== undefined ? { score } : {}}
      text={{ name: 'reason', label: t('assessment.stepReason'), max: 1000 }}
      extra={(step) =>
        step === 'adjust' && (
          <Form.Item
            name="points"
            label={t('assessment.points')}
            rules={[{ required: true, message: t('form.required', { label: t('assessment.points') }) }]}
          >
            <InputNumber min={0} max={full} step={0.1} />
          </Form.Item>
        )
      }
      onDone={onDone}
    />
  );
}

export function AssessmentRuns() {
  const t = useTranslate();
  const navigate = useNavigate();
  const runs = useGet<RunEntry[]>('/assessment/runs');
  // Bumped after a step: the ranking and the scorecards read again.
  const [round, setRound] = useState(0);
  const [chosen, setChosen] = useState<number | null>(null);
  const run = runs.data?.find((r) => r.id === chosen) ?? runs.data?.[0];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('assessment.title')}
      </Typography.Title>
      {runs.error && <Alert type="error" showIcon message={runs.error.message} />}
      {runs.data?.length === 0 && <Empty description={t('assessment.none')} />}
      {run && (
        <Select
          value={run.id}
          onChange={setChosen}
          style={{ minWidth: 360 }}
          data-testid="assessment-run"
          options={runs.data!.map((r) => ({ value: r.id, label: `${r.period} · ${r.title} · ${t(`assessment.statuses.${r.status}`)}` }))}
        />
      )}
      {run?.table && (
        <Space>
          <Tag data-testid="run-state">{t(`assessment.statuses.${run.status}`)}</Tag>
          <RunStepButtons
            run={run.id}
            state={run.status as RunState}
            side="assessing"
            onDone={() => {
              runs.reload();
              setRound((r) => r + 1);
            }}
          />
        </Space>
      )}
      {run?.table && <RunRanking key={`${run.id}-${round}`} id={run.id} />}
      {/* A unit assessed reads its own scorecard (and those of units below it it may read). */}
      {run &&
        !run.table &&
        run.units.map((unit) => <ScorecardView key={unit} run={run.id} unit={unit} onOpen={(path) => navigate(path)} />)}
    </Space>
  );
}

function RunRanking({ id }: { id: number }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const table = useGet<RunTable>(`/assessment/runs/${id}`);
  if (table.error) return <Alert type="error" showIcon message={table.error.message} />;
  const units = table.data?.units ?? [];
  // 红黑榜 only where there are more units than the two boards name.
  const boards = units.length > BOARD * 2;
  const top = new Set(boards ? units.slice(0, BOARD).map((u) => u.unit) : []);
  const bottom = new Set(boards ? units.slice(-BOARD).map((u) => u.unit) : []);
  return (
    <ListTable<UnitRow>
      title={() => (
        // The session cookie goes with a link of the same origin: the server sends the file.
        <Button size="small" href={`${apiUrl}/assessment/runs/${id}/export`} data-testid="assessment-export">
          {t('assessment.export')}
        </Button>
      )}
      rowKey="unit"
      size="small"
      loading={table.loading}
      dataSource={units}
      pagination={false}
      scroll={{ x: true }}
      data-testid="assessment-table"
      onRow={(u) => ({ 'data-unit': u.unit }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('assessment.rank'),
          dataIndex: 'rank',
          render: (rank: number, u) => (
            <Space size={4}>
              {rank}
              {top.has(u.unit) && <Tag color="red">{t('assessment.redBoard')}</Tag>}
              {bottom.has(u.unit) && <Tag color="default">{t('assessment.blackBoard')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('assessment.unit'),
          render: (_, u) => <Link to={`/assessment/${id}/units/${u.unit}`}>{u.name}</Link>,
        },
        { title: t('assessment.total'), dataIndex: 'total', render: (v: number) => <Typography.Text strong>{v}</Typography.Text> },
        {
          title: t('assessment.change'),
          dataIndex: 'change',
          render: (change: number | null) => <Change value={change} />,
        },
        {
          title: t('assessment.trend'),
          render: (_, u) => <Trend totals={u.trend} periods={table.data?.periods ?? []} />,
        },
        ...(table.data?.sections ?? []).map((s, i) => ({
          title: `${s.name}（${s.points}）`,
          render: (_: unknown, u: UnitRow) => u.sections[i]?.points ?? '—',
        })),
      ]}
    />
  );
}

/** The change from the period before: up in green, down in red, none shown as a dash. */
function Change({ value }: { value: number | null }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const up = value > 0;
  return (
    <Typography.Text type={value === 0 ? 'secondary' : up ? 'success' : 'danger'} data-testid="assessment-change">
      {up ? <ArrowUpOutlined /> : value < 0 ? <ArrowDownOutlined /> : null} {Math.abs(value)}
    </Typography.Text>
  );
}

/** The totals of the last periods as small bars, each named with its period and total on hover. */
function Trend({ totals, periods }: { totals: (number | null)[]; periods: string[] }) {
  const t = useTranslate();
  const scored = totals.filter((v): v is number => v !== null);
  if (scored.length < 2) return <Typography.Text type="secondary">—</Typography.Text>;
  const low = Math.min(...scored);
  const high = Math.max(...scored);
  return (
    <Space size={2} align="end" style={{ height: 24 }} data-testid="assessment-trend">
      {totals.map((total, i) => (
        <Tooltip key={periods[i] ?? i} title={t('assessment.trendTip', { period: periods[i], total: total ?? t('assessment.notScored') })}>
          <span
            style={{
              display: 'inline-block',
              width: 6,
              height: total === null ? 2 : 6 + (high === low ? 12 : ((total - low) / (high - low)) * 18),
              background: total === null ? '#d9d9d9' : i === totals.length - 1 ? '#1677ff' : '#91caff',
            }}
          />
        </Tooltip>
      ))}
    </Space>
  );
}

function ScorecardView({ run, unit, onOpen }: { run: number; unit: number; onOpen: (path: string) => void }) {
  const t = useTranslate();
  const card = useGet<Scorecard>(`/assessment/runs/${run}/scorecard/${unit}`);
  if (card.error) return <Alert type="error" showIcon message={card.error.message} data-testid="scorecard-error" />;
  if (!card.data) return <Card loading />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="scorecard">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('assessment.scorecardTitle', { unit: card.data.unit.name, period: card.data.period })}
      </Typography.Title>
      <Typography.Text type="secondary">
        {card.data.rubric.title} · {t('assessment.total')} <Typography.Text strong>{card.data.total}</Typography.Text>
      </Typography.Text>
      {card.data.sections.map((section) => (
        <Card
          key={section.id}
          size="small"
          title={`${section.code ?? ''} ${section.name}`}
          extra={t('assessment.sectionPoints', { points: section.scored, full: section.points })}
        >
          <ListTable<CardItem>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={section.items}
            onRow={(i) => ({ 'data-item': i.code }) as React.HTMLAttributes<HTMLElement>}
            expandable={{
              rowExpandable: (i) => Boolean(i.evidence?.ids.length || i.evidence?.missing?.length),
              expandedRowRender: (i) => <EvidenceList evidence={i.evidence!} onOpen={onOpen} />,
            }}
            columns={[
              { title: t('assessment.code'), dataIndex: 'code', width: 70 },
              { title: t('assessment.item'), dataIndex: 'name' },
              { title: t('assessment.full'), dataIndex: 'full', width: 70 },
              {
                title: t('assessment.points'),
                width: 90,
                render: (_, i) => (i.pending ? <Tag color="gold">{t('assessment.pending')}</Tag> : i.points),
              },
              {
                title: t('assessment.reason'),
                render: (_, i) => (
                  <Space direction="vertical" size={2}>
                    {i.reason}
                    {i.notes.map((n, k) => (
                      <Typography.Text key={k} type="secondary" data-note={n.step}>
                        {t(`assessment.steps.${n.step}`)}：{n.reason ?? ''}
                      </Typography.Text>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('table.actions'),
                width: 150,
                render: (_, i) =>
                  i.score === null ? null : (
                    <RunStepButtons
                      run={run}
                      state={card.data!.status}
                      side={card.data!.side}
                      score={i.score}
                      full={i.full}
                      onDone={card.reload}
                    />
                  ),
              },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}

function EvidenceList({ evidence, onOpen }: { evidence: Evidence; onOpen: (path: string) => void }) {
  const t = useTranslate();
  return (
    <Space direction="vertical" size={4} data-testid="evidence">
      {evidence.missing?.length ? (
        <Typography.Text>{t('assessment.missing', { list: evidence.missing.join('、') })}</Typography.Text>
      ) : null}
      {evidence.ids.length > 0 && (
        <Space wrap size={4}>
          {t('assessment.records', { count: evidence.ids.length + evidence.more })}
          {evidence.ids.map((id) => (
            <Typography.Link key={id} onClick={() => onOpen(recordPath(evidence.collection, id))}>
              #{id}
            </Typography.Link>
          ))}
        </Space>
      )}
    </Space>
  );
}

/** /assessment/:run/units/:unit — one unit's scorecard. */
export function AssessmentScorecard() {
  const { run, unit } = useParams();
  const navigate = useNavigate();
  return <ScorecardView run={Number(run)} unit={Number(unit)} onOpen={(path) => navigate(path)} />;
}
