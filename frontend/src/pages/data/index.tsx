// Schema-driven screens for any collection (/data/:resource): list, create, edit,
// detail, generated from Directus's field metadata. A field an administrator adds
// in Studio appears here with its label, note, choices and width, without code.

import { Create, DeleteButton, Edit, EditButton, List, Show, ShowButton, useForm, useTable } from '@refinedev/antd';
import { useShow, useTranslate } from '@refinedev/core';
import { Descriptions, Divider, Form, Result, Row, Space, Spin, Table } from 'antd';
import type { ReactNode } from 'react';
import { useMemo, useRef } from 'react';
import { useParams } from 'react-router';
import { FieldValue } from '../../components/schema/display.tsx';
import { payloadOf, SchemaFormItem, toFormValue } from '../../components/schema/inputs.tsx';
import { changesOf } from '../../schema/changes.ts';
import { formFields, queryFields, tableFields, type FieldModel } from '../../schema/model.ts';
import { applyConditions } from '../../schema/rules.ts';
import { useCollectionSchema, useCreatePresets, useListPreset, useReadable } from '../../schema/use-schema.ts';
import type { ListPreset } from '../../schema/model.ts';
import { ListFilterBar } from '../../components/schema/list-filter-bar.tsx';
import { AskExportButton } from '../exports/ask-export.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { errorText } from '../../providers/error-text.ts';

function useResourceName(): string {
  return useParams().resource ?? '';
}

/**
 * A screen of a collection whose metadata this user cannot have (refused, or the server failed,
 * and none kept on this device) says so in words, instead of waiting for it for ever.
 */
function SchemaGuard({ resource, children }: { resource: string; children: ReactNode }) {
  const t = useTranslate();
  const { problem, collectionLabel } = useCollectionSchema(resource);
  if (!problem) return children;
  const reason = problem.statusCode === 403 ? t('list.notReadable') : errorText(problem, t);
  return (
    <div data-testid="schema-problem">
      <Result status="warning" title={t('list.cannotOpen', { name: collectionLabel })} subTitle={reason} />
    </div>
  );
}

export function SchemaList() {
  const resource = useResourceName();
  const preset = useListPreset(resource);
  // The list starts in the order and with the filter saved in Studio: known before the table's first request.
  return (
    <SchemaGuard resource={resource}>
      {preset === null ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : (
        <SchemaTable key={resource} resource={resource} preset={preset} />
      )}
    </SchemaGuard>
  );
}

function SchemaTable({ resource, preset }: { resource: string; preset: ListPreset }) {
  const t = useTranslate();
  const { models, ready, collectionLabel, primaryKey } = useCollectionSchema(resource);
  const columns = tableFields(models, 8, preset.fields);
  const readable = useReadable();
  const fields = useMemo(() => (readable ? queryFields(columns, readable) : []), [columns.map((c) => c.field).join(), readable]);
  const { tableProps, setFilters } = useTable({
    resource,
    meta: { fields, filter: preset.filter ?? undefined, primaryKey },
    syncWithLocation: true,
    queryOptions: { enabled: ready && readable !== null },
    filters: { defaultBehavior: 'replace' },
    sorters: { initial: (preset.sort ?? ['-id']).map((s) => ({ field: s.replace(/^-/, ''), order: s.startsWith('-') ? 'desc' : 'asc' })) },
  });
  return (
    <List
      resource={resource}
      title={collectionLabel}
      headerButtons={({ defaultButtons }) => (
        <Space>
          {defaultButtons}
          <AskExportButton collection={resource} label={collectionLabel} />
        </Space>
      )}
    >
      {ready && (
        <ListFilterBar columns={columns} scoped={models.some((m) => m.field === 'unit_path')} onFilters={(f) => setFilters(f, 'replace')} />
      )}
      <ListTable {...tableProps} rowKey="id" scroll={{ x: true }}>
        {columns.map((m) => (
          <Table.Column
            key={m.field}
            dataIndex={m.field}
            title={m.label}
            sorter={m.kind !== 'm2o'}
            render={(value) => <FieldValue model={m} value={value} yes={t('list.yes')} no={t('list.no')} />}
          />
        ))}
        <Table.Column
          key="actions"
          title={t('table.actions')}
          fixed="right"
          render={(_, record: { id: number }) => (
            <Space>
              <ShowButton hideText size="small" resource={resource} recordItemId={record.id} />
              <EditButton hideText size="small" resource={resource} recordItemId={record.id} />
              <DeleteButton hideText size="small" resource={resource} recordItemId={record.id} />
            </Space>
          )}
        />
      </ListTable>
    </List>
  );
}

/**
 * Fields in sort order, fields of a group under the group's heading, each as the
 * current values make it (its conditions): re-drawn on every change of the form.
 */
function FormBody({ models }: { models: FieldModel[] }) {
  const editable = formFields(models);
  return (
    <Form.Item noStyle shouldUpdate>
      {({ getFieldsValue }) => {
        const values = payloadOf(editable, getFieldsValue(true));
        const groups = models.filter((m) => m.kind === 'group').map((g) => applyConditions(g, values));
        const fields = editable.map((m) => applyConditions(m, values));
        const item = (m: FieldModel) => <SchemaFormItem key={m.field} model={m} models={editable} />;
        return (
          <>
            <Row gutter={16}>{fields.filter((m) => !m.group || !groups.some((g) => g.field === m.group)).map(item)}</Row>
            {groups
              .filter((g) => !g.hidden)
              .map((g) => (
                <div key={g.field}>
                  <Divider orientation="left">{g.label}</Divider>
                  <Row gutter={16}>{fields.filter((m) => m.group === g.field).map(item)}</Row>
                </div>
              ))}
          </>
        );
      }}
    </Form.Item>
  );
}

/** Create and edit of any collection: one form, started from the create presets or the record. */
function SchemaForm({ action }: { action: 'create' | 'edit' }) {
  const resource = useResourceName();
  const params = useParams();
  const { models, ready, collectionLabel } = useCollectionSchema(resource);
  const editable = formFields(models);
  const readable = useReadable();
  const { formProps, saveButtonProps, query } = useForm({
    resource,
    action,
    id: action === 'edit' ? params.id : undefined,
    meta: { fields: queryFields(editable, readable ?? undefined) },
    queryOptions: { enabled: action === 'edit' && ready && readable !== null },
    redirect: 'show',
  });
  const presets = useCreatePresets(resource);
  const record = (action === 'create' ? (presets ?? undefined) : query?.data?.data) as Record<string, unknown> | undefined;
  // The form's starting values, fixed the first time the fields with their relations and the
  // record (or the create presets) are known: a later refetch of either must not remount or
  // reset a form that somebody is filling in. Fields alone are not enough: a many-to-one field
  // is a form field only once its relation is known, and its preset (the user's own unit)
  // would be dropped if the values were fixed before.
  const key = `${resource}/${action}/${params.id ?? ''}`;
  const initial = useRef<{ key: string; values: Record<string, unknown> } | null>(null);
  if (initial.current?.key !== key && record && ready) {
    const values = Object.fromEntries(
      editable
        .filter((m) => m.field in record)
        .map((m) => {
          const value = record[m.field];
          // Junction rows of a files field as the upload list wants them.
          if (m.kind === 'files' && Array.isArray(value)) return [m.field, value.map((row: any) => row.directus_files_id).filter(Boolean)];
          return [m.field, toFormValue(m, value)];
        }),
    );
    initial.current = { key, values };
  }
  const initialValues = initial.current?.key === key ? initial.current.values : null;
  // What a condition makes read-only at the moment of saving is not sent; an edit sends only what changed (changes.ts).
  const onFinish = (values: Record<string, unknown>) => {
    const payload = payloadOf(editable, values);
    const writable = editable.map((m) => applyConditions(m, payload)).filter((m) => !m.readonly);
    const sent = Object.fromEntries(writable.filter((m) => m.field in payload).map((m) => [m.field, payload[m.field]]));
    return formProps.onFinish?.(action === 'edit' ? changesOf(payloadOf(editable, initialValues ?? {}), sent) : sent);
  };
  const Frame = action === 'create' ? Create : Edit;
  return (
    <Frame resource={resource} title={collectionLabel} saveButtonProps={saveButtonProps} isLoading={initialValues === null}>
      {initialValues !== null && (
        <Form {...formProps} initialValues={initialValues} onFinish={onFinish} layout="vertical">
          <FormBody models={models} />
        </Form>
      )}
    </Frame>
  );
}

export const SchemaCreate = () => (
  <SchemaGuard resource={useResourceName()}>
    <SchemaForm action="create" />
  </SchemaGuard>
);
export const SchemaEdit = () => (
  <SchemaGuard resource={useResourceName()}>
    <SchemaForm action="edit" />
  </SchemaGuard>
);
export const SchemaShow = () => (
  <SchemaGuard resource={useResourceName()}>
    <SchemaDetail />
  </SchemaGuard>
);

function SchemaDetail() {
  const resource = useResourceName();
  const params = useParams();
  const t = useTranslate();
  const { models, ready, collectionLabel } = useCollectionSchema(resource);
  // Fields a condition may show are fetched too; the record's values then decide (as in the form).
  const fetched = models.filter(
    (m) => (!m.hidden || m.conditions.some((c) => c.hidden === false)) && m.kind !== 'group' && m.kind !== 'other',
  );
  const readable = useReadable();
  const { query } = useShow({
    resource,
    id: params.id,
    meta: { fields: queryFields(fetched, readable ?? undefined) },
    queryOptions: { enabled: ready && readable !== null },
  });
  const record = query.data?.data as Record<string, unknown> | undefined;
  const shown = fetched.map((m) => applyConditions(m, record ?? {})).filter((m) => !m.hidden);
  return (
    <Show resource={resource} title={collectionLabel} isLoading={!record}>
      <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
        {shown.map((m) => (
          <Descriptions.Item key={m.field} label={m.label} span={m.span === 24 ? 2 : 1}>
            <span data-field={m.field}>
              <FieldValue model={m} value={record?.[m.field]} yes={t('list.yes')} no={t('list.no')} />
            </span>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Show>
  );
}
