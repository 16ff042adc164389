// 矛盾纠纷详情: the dispute's course as a timeline — intake, mediation with its
// deadline, outcome, supervision by a superior office, follow-up — beside its
// record. Editing stays with the schema-driven form.

import { Show } from '@refinedev/antd';
import { useShow } from '@refinedev/core';
import { Descriptions, Tag, Timeline, Typography } from 'antd';
import { useParams } from 'react-router';
import { DISPUTE_STATUSES } from '../../../../extensions/office/src/vocabulary.ts';
import { disputeTimeline, formatLocal, type DisputeRecord, type TimelineStep } from './timeline.ts';

const COLORS: Record<TimelineStep['state'], string> = { done: 'green', open: 'blue', overdue: 'red', waiting: 'gray' };
const STATE_LABELS: Partial<Record<TimelineStep['state'], string>> = { open: '进行中', overdue: '已超时限', waiting: '待办' };

export function DisputeShow() {
  const { id } = useParams();
  const { query } = useShow({ resource: 'disputes', id, meta: { fields: ['*', 'unit.name', 'supervised_by.name'] } });
  const dispute = query.data?.data as (DisputeRecord & { title: string; description: string; unit?: { name: string } }) | undefined;
  const steps = dispute ? disputeTimeline(dispute, new Date()) : [];
  return (
    <Show title={dispute?.title ?? '矛盾纠纷'} isLoading={!dispute} resource="disputes" recordItemId={id}>
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 24 }}>
        <Descriptions.Item label="所属单位">{dispute?.unit?.name}</Descriptions.Item>
        <Descriptions.Item label="状态">
          {dispute?.status ? <Tag>{DISPUTE_STATUSES[dispute.status as keyof typeof DISPUTE_STATUSES] ?? dispute.status}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label="纠纷情况" span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{dispute?.description}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>办理过程</Typography.Title>
      <Timeline
        data-testid="dispute-timeline"
        items={steps.map((s) => ({
          color: COLORS[s.state],
          children: (
            <div data-step={s.key} data-state={s.state}>
              <Typography.Text strong>{s.title}</Typography.Text>
              {s.at && <Typography.Text type="secondary"> · {/^\d{4}-\d{2}-\d{2}$/.test(s.at) ? s.at : formatLocal(s.at)}</Typography.Text>}
              {STATE_LABELS[s.state] && (
                <Tag color={COLORS[s.state]} style={{ marginLeft: 8 }}>
                  {STATE_LABELS[s.state]}
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
