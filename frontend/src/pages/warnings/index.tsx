// 预警信息: the warnings of the user's unit and the units below it (read through the
// items API: Directus's permissions decide), open ones first, each with its level,
// what it says, the records behind it, and the steps the user may take now —
// the warned unit acknowledges and handles, a unit above it closes or sends back
// (POST /warnings/:id/steps/:step). An office may evaluate its rules at once.

import { useApiUrl, useCustomMutation, useGetIdentity, useList, useTranslate } from '@refinedev/core';
import { App, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { WARNING_STEPS, type WarningState, type WarningStep } from '../../../../extensions/domains/warnings/workflow.ts';
import { refusalOf } from '../../i18n/index.ts';
import { StepButtons } from '../../components/step-buttons.tsx';
import type { Identity } from '../../providers/auth-provider.ts';
import { recordPath } from '../assessment/index.tsx';
import { ListTable } from '../../components/list-table.tsx';

interface Warning {
  id: number;
  title: string;
  level: 'blue' | 'yellow' | 'orange' | 'red';
  kind: string;
  status: WarningState;
  unit: { id: number; name: string } | null;
  unit_path: string;
  raised_at: string;
  ended_at: string | null;
  evidence: { collection: string; ids: number[] } | null;
  handling: string | null;
}

const COLOURS = { blue: 'blue', yellow: 'gold', orange: 'orange', red: 'red' } as const;
const OPEN: WarningState[] = ['raised', 'acknowledged', 'handled'];
/** Records a row links to at most (the rest: on the warning's own screen). */
const SHOWN = 5;

/** The steps the user may take now on a warning; handling and sending back ask for a note. */
function WarningStepButtons({ warning, side, onDone }: { warning: Warning; side: 'own' | 'above' | null; onDone: () => void }) {
  const t = useTranslate();
  const steps = (Object.keys(WARNING_STEPS) as WarningStep[]).filter((s) => {
    const rule = WARNING_STEPS[s];
    return side !== null && (rule.by as readonly string[]).includes(side) && (rule.from as readonly string[]).includes(warning.status);
  });
  return (
    <StepButtons
      steps={steps.map((step) => ({
        key: step,
        label: t(`warnings.steps.${step}`),
        asks: { required: WARNING_STEPS[step].note },
        primary: step === 'close' || step === 'handle',
      }))}
      url={(step) => `/warnings/${warning.id}/steps/${step}`}
      text={{ name: 'note', label: t('warnings.note'), max: 2000 }}
      heading={<Typography.Paragraph>{warning.title}</Typography.Paragraph>}
      onDone={onDone}
    />
  );
}

export function WarningList() {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { message } = App.useApp();
  const { data: me } = useGetIdentity<Identity>();
  const [which, setWhich] = useState<'open' | 'all'>('open');
  const { result, query } = useList<Warning>({
    resource: 'warnings',
    pagination: { pageSize: 100 },
    filters: which === 'open' ? [{ field: 'status', operator: 'in', value: OPEN }] : [],
    sorters: [{ field: 'raised_at', order: 'desc' }],
    meta: {
      fields: [
        'id',
        'title',
        'level',
        'kind',
        'status',
        'unit.id',
        'unit.name',
        'unit_path',
        'raised_at',
        'ended_at',
        'evidence',
        'handling',
      ],
    },
  });
  const { mutateAsync, mutation } = useCustomMutation();
  const mine = me?.unit?.path ?? null;
  const sideOf = (w: Warning) => (mine === null ? null : w.unit_path === mine ? 'own' : w.unit_path.startsWith(mine) ? 'above' : null);
  const evaluate = async () => {
    try {
      const answer = await mutateAsync({
        url: `${apiUrl}/warnings/evaluate`,
        method: 'post',
        values: {},
        successNotification: false,
        errorNotification: false,
      });
      const r = answer.data as unknown as { rules: number; raised: number; ended: number };
      message.success(t('warnings.evaluated', { rules: r.rules, raised: r.raised, ended: r.ended }));
      void query.refetch();
    } catch (error) {
      message.error(refusalOf(error as { statusCode?: number; message?: string }), 6);
    }
  };
  const canEvaluate = me?.unit?.level === 'district' || me?.unit?.level === 'street';
  return (
    <Card
      title={t('warnings.title')}
      extra={
        <Space wrap>
          <Segmented
            value={which}
            onChange={(v) => setWhich(v as 'open' | 'all')}
            options={[
              { value: 'open', label: t('warnings.open') },
              { value: 'all', label: t('warnings.all') },
            ]}
          />
          <Link to="/data/warning_rules">{t('warnings.rules')}</Link>
          {canEvaluate && (
            <Button onClick={() => void evaluate()} loading={mutation.isPending} data-testid="evaluate">
              {t('warnings.evaluate')}
            </Button>
          )}
        </Space>
      }
    >
      <ListTable<Warning>
        rowKey="id"
        size="small"
        loading={query.isLoading}
        dataSource={result.data}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('warnings.none') }}
        columns={[
          {
            title: t('warnings.level'),
            dataIndex: 'level',
            width: 90,
            render: (level: Warning['level']) => <Tag color={COLOURS[level]}>{t(`warnings.levels.${level}`)}</Tag>,
          },
          {
            title: t('warnings.what'),
            dataIndex: 'title',
            render: (title: string, w) => (
              <Space direction="vertical" size={0}>
                <span>{title}</span>
                {w.evidence?.ids?.length ? (
                  <Space size={4} wrap>
                    {w.evidence.ids.slice(0, SHOWN).map((id) => (
                      <Link key={id} to={recordPath(w.evidence!.collection, id)}>
                        #{id}
                      </Link>
                    ))}
                    {w.evidence.ids.length > SHOWN && <Link to={`/data/warnings/show/${w.id}`}>…</Link>}
                  </Space>
                ) : null}
                {w.handling && <Typography.Text type="secondary">{t('warnings.handling', { text: w.handling })}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('warnings.unit'), dataIndex: ['unit', 'name'], width: 140 },
          {
            title: t('warnings.status'),
            dataIndex: 'status',
            width: 110,
            render: (status: WarningState, w) => (
              <Space direction="vertical" size={0}>
                <span>{t(`warnings.statuses.${status}`)}</span>
                {w.ended_at && <Typography.Text type="secondary">{t('warnings.ended')}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('warnings.raised'),
            dataIndex: 'raised_at',
            width: 150,
            render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: t('table.actions'),
            key: 'steps',
            width: 180,
            render: (_: unknown, w) => <WarningStepButtons warning={w} side={sideOf(w)} onDone={() => void query.refetch()} />,
          },
        ]}
      />
    </Card>
  );
}
