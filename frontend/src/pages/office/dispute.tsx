// 矛盾纠纷详情: the dispute's course as a timeline — intake, mediation with its
// deadline, outcome, supervision by a superior office, follow-up — beside its
// record. Editing stays with the schema-driven form.

import { Show } from '@refinedev/antd';
import { useShow, useTranslate } from '@refinedev/core';
import { Descriptions, Tag, Timeline, Typography } from 'antd';
import { useParams } from 'react-router';
import { DISPUTE_STATUSES } from '../../../../extensions/office/src/vocabulary.ts';
import { word } from '../../i18n/index.ts';
import { disputeTimeline, formatLocal, type DisputeRecord, type TimelineStep } from './timeline.ts';

const COLORS: Record<TimelineStep['state'], string> = { done: 'green', open: 'blue', overdue: 'red', waiting: 'gray' };
/** The states that get a tag (a done step needs none). */
const TAGGED: TimelineStep['state'][] = ['open', 'overdue', 'waiting'];

export function DisputeShow() {
  const t = useTranslate();
  const { id } = useParams();
  const { query } = useShow({ resource: 'disputes', id, meta: { fields: ['*', 'unit.name', 'supervised_by.name'] } });
  const dispute = query.data?.data as (DisputeRecord & { title: string; description: string; unit?: { name: string } }) | undefined;
  const steps = dispute ? disputeTimeline(dispute, new Date()) : [];
  return (
    <Show title={dispute?.title ?? t('dispute.title')} isLoading={!dispute} resource="disputes" recordItemId={id}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 24 }}>
        <Descriptions.Item label={t('dispute.unit')}>{dispute?.unit?.name}</Descriptions.Item>
        <Descriptions.Item label={t('dispute.status')}>
          {dispute?.status ? <Tag>{word('disputeStatus', DISPUTE_STATUSES, dispute.status)}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('dispute.description')} span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{dispute?.description}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('dispute.course')}</Typography.Title>
      <Timeline
        data-testid="dispute-timeline"
        items={steps.map((s) => ({
          color: COLORS[s.state],
          children: (
            <div data-step={s.key} data-state={s.state}>
              <Typography.Text strong>{s.title}</Typography.Text>
              {s.at && <Typography.Text type="secondary"> · {/^\d{4}-\d{2}-\d{2}$/.test(s.at) ? s.at : formatLocal(s.at)}</Typography.Text>}
              {TAGGED.includes(s.state) && (
                <Tag color={COLORS[s.state]} style={{ marginLeft: 8 }}>
                  {t(`dispute.states.${s.state}`)}
                </Tag>
              )}
              {s.lines.map((l) => (
                <div key={l} style={{ whiteSpace: 'pre-wrap' }}>
                  {l}
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </Show>
  );
}
