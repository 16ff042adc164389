// 专项报送: the special projects my unit is asked to submit to (due date, late
// marker, submit once), the projects my unit leads, and for one of these who has
// submitted (GET /office/projects/:id/status).

import { useApiUrl, useCustom, useGetIdentity, useList, useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { projectDeadline } from '../../../../extensions/office/src/receipts.ts';
import type { ProjectSubmissionStatus } from '../../../../extensions/office/src/vocabulary.ts';
import type { Identity } from '../../providers/auth-provider.ts';
import { MarkerTag } from './marker-tag.tsx';
import { StatusCounts } from './status-counts.tsx';
import { submissionMarker } from './receipts.ts';
import { SubmissionForm } from './submission-form.tsx';
import { TargetsButton } from './targets-form.tsx';
import { formatLocal } from './timeline.ts';
import { ListTable } from '../../components/list-table.tsx';

interface Asked {
  id: number;
  status: ProjectSubmissionStatus;
  submitted_at: string | null;
  project: { id: number; title: string; description: string | null; due_on: string | null; status: string };
}

const dueOf = (dueOn: string | null | undefined) => (dueOn ? projectDeadline(dueOn.slice(0, 10)).toISOString() : null);

export function ProjectSubmissions() {
  const t = useTranslate();
  const { data: me } = useGetIdentity<Identity>();
  const navigate = useNavigate();
  const [open, setOpen] = useState<Asked | null>(null);
  const unit = me?.unit?.id;
  const asked = useList({
    resource: 'project_submissions',
    filters: [{ field: 'unit', operator: 'eq', value: unit }],
    sorters: [{ field: 'id', order: 'desc' }],
    pagination: { mode: 'off' },
    meta: {
      fields: ['id', 'status', 'submitted_at', 'project.id', 'project.title', 'project.description', 'project.due_on', 'project.status'],
    },
    queryOptions: { enabled: Boolean(unit) },
  });
  const led = useList({
    resource: 'special_projects',
    filters: [{ field: 'unit', operator: 'eq', value: unit }],
    sorters: [{ field: 'due_on', order: 'desc' }],
    pagination: { mode: 'off' },
    meta: { fields: ['id', 'title', 'due_on', 'status'] },
    queryOptions: { enabled: Boolean(unit) },
  });
  const now = new Date();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('office.projectsTitle', { unit: me?.unit?.name ?? '' })}
      </Typography.Title>
      <Card title={t('office.askedProjects')} size="small">
        <ListTable
          rowKey="id"
          loading={asked.query.isLoading}
          dataSource={(asked.result?.data ?? []) as unknown as Asked[]}
          pagination={false}
          locale={{ emptyText: t('list.none') }}
          onRow={(r) => ({ 'data-testid': `asked-${r.project.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('office.project'), render: (_, r) => r.project.title },
            { title: t('office.projectDue'), render: (_, r) => r.project.due_on?.slice(0, 10) ?? '—' },
            {
              title: t('office.status'),
              render: (_, r) => <MarkerTag marker={submissionMarker(r.status, dueOf(r.project.due_on), now)} testId="submission-status" />,
            },
            { title: t('office.submittedAt'), render: (_, r) => (r.submitted_at ? formatLocal(r.submitted_at) : '—') },
            {
              title: t('table.actions'),
              render: (_, r) =>
                r.status === 'pending' && r.project.status === 'open' ? (
                  <Button type="primary" size="small" onClick={() => setOpen(r)} data-testid="submit">
                    {t('office.submit')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card title={t('office.ledProjects')} size="small">
        <ListTable
          rowKey="id"
          loading={led.query.isLoading}
          dataSource={(led.result?.data ?? []) as any[]}
          pagination={false}
          locale={{ emptyText: t('list.none') }}
          columns={[
            {
              title: t('office.project'),
              render: (_, p) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/office/projects/${p.id}`)}>
                  {p.title}
                </Button>
              ),
            },
            { title: t('office.projectDue'), render: (_, p) => p.due_on?.slice(0, 10) ?? '—' },
          ]}
        />
      </Card>
      <Modal open={open !== null} title={open?.project.title} footer={null} onCancel={() => setOpen(null)} destroyOnHidden>
        {open && (
          <Space direction="vertical" style={{ width: '100%' }}>
            {open.project.description && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{open.project.description}</Typography.Paragraph>
            )}
            <SubmissionForm
              path={`projects/${open.project.id}/submit`}
              onDone={() => {
                setOpen(null);
                void asked.query.refetch();
              }}
            />
          </Space>
        )}
      </Modal>
    </Space>
  );
}

interface ProjectStatusPage {
  project: { id: number; title: string; unit: number; due_on: string | null; due_at: string | null; status: string };
  counts: Record<'pending' | 'submitted' | 'late' | 'overdue', number>;
  submissions: { id: number; unit_name: string; status: ProjectSubmissionStatus; submitted_at: string | null }[];
}

const PROJECT_GROUPS = ['pending', 'overdue', 'submitted', 'late'] as const;

export function ProjectStatus() {
  const t = useTranslate();
  const { id } = useParams();
  const apiUrl = useApiUrl();
  const { query } = useCustom<ProjectStatusPage>({
    url: `${apiUrl}/office/projects/${id}/status`,
    method: 'get',
    config: { query: { limit: 500 } },
    queryOptions: { retry: false },
  });
  const { data: me } = useGetIdentity<Identity>();
  // `query.data` is undefined until the answer comes.
  const page = query.data?.data;
  const error = query.error as { message?: string } | null;
  const now = new Date();
  if (error)
    return (
      <Alert type="error" showIcon message={t('office.projectStatusError', { message: error.message ?? '' })} data-testid="status-error" />
    );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {page?.project.title ?? t('office.projectStatus')}
      </Typography.Title>
      <Space>
        <Typography.Text type="secondary">{t('office.projectDueOn', { on: page?.project.due_on ?? '—' })}</Typography.Text>
        {/* Only the lead unit assigns, while the project is open (the server checks it too). */}
        {page && me?.unit?.id === page.project.unit && page.project.status === 'open' && (
          <TargetsButton
            label={t('office.assign')}
            path={`projects/${id}/assign`}
            onDone={() => void query.refetch()}
            testId="assign-units"
          />
        )}
      </Space>
      <StatusCounts groups={PROJECT_GROUPS} counts={page?.counts} words="office.projectGroups" />
      <ListTable
        rowKey="id"
        loading={query.isLoading}
        dataSource={page?.submissions ?? []}
        pagination={false}
        locale={{ emptyText: t('office.noneAssigned') }}
        onRow={(r) => ({ 'data-testid': `submission-${r.unit_name}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('office.submittingUnit'), dataIndex: 'unit_name' },
          {
            title: t('office.status'),
            render: (_, r) => <MarkerTag marker={submissionMarker(r.status, page?.project.due_at, now)} testId="submission-status" />,
          },
          { title: t('office.submittedAt'), render: (_, r) => (r.submitted_at ? formatLocal(r.submitted_at) : '—') },
        ]}
      />
    </Space>
  );
}
