// The filter bar of a schema-driven list: free text, one control per shown column
// that can be chosen from (list-filters.ts), and the unit with those below it.

import { useSelect } from '@refinedev/antd';
import { useTranslate, type CrudFilter } from '@refinedev/core';
import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { filterControls, listFilters, type FilterControl } from '../../schema/list-filters.ts';
import type { FieldModel } from '../../schema/model.ts';
import { findUnit } from '../../pages/units/tree.ts';
import { UnitFilterSelect } from '../../pages/units/unit-filter.tsx';
import { useUnitTree } from '../../pages/units/use-unit-tree.ts';

function CodeFilter({
  collection,
  label,
  value,
  onChange,
}: {
  collection: string;
  label: string;
  value?: string[];
  onChange?: (v: string[]) => void;
}) {
  const { selectProps } = useSelect({
    resource: collection,
    optionLabel: 'name' as never,
    optionValue: 'code' as never,
    meta: { fields: ['code', 'name'] },
    pagination: { mode: 'off' },
  });
  return (
    <Select
      {...selectProps}
      value={value as never}
      onChange={(v) => onChange?.(v as unknown as string[])}
      onSearch={undefined}
      mode="multiple"
      allowClear
      placeholder={label}
      optionFilterProp="label"
      style={{ minWidth: 140 }}
    />
  );
}

function control(c: FilterControl, yes: string, no: string) {
  switch (c.control) {
    case 'choices':
      return (
        <Select
          mode="multiple"
          allowClear
          placeholder={c.label}
          options={c.choices.map((o) => ({ value: o.value, label: o.text }))}
          style={{ minWidth: 140 }}
        />
      );
    case 'yesno':
      return (
        <Select
          allowClear
          placeholder={c.label}
          options={[
            { value: true, label: yes },
            { value: false, label: no },
          ]}
          style={{ minWidth: 100 }}
        />
      );
    case 'code':
      return <CodeFilter collection={c.collection} label={c.label} />;
    case 'dates':
      return <DatePicker.RangePicker placeholder={[c.label, c.label]} />;
  }
}

/** Day ranges picked in the form → instants from the first day's start to the last day's end. */
function picked(controls: FilterControl[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of controls) {
    const v = values[c.field];
    out[c.field] =
      c.control === 'dates' && Array.isArray(v) && v.length === 2
        ? [(v[0] as Dayjs).startOf('day').toISOString(), (v[1] as Dayjs).endOf('day').toISOString()]
        : v;
  }
  return out;
}

export function ListFilterBar({
  columns,
  scoped,
  onFilters,
}: {
  columns: FieldModel[];
  /** The collection is kept by unit (it has unit_path): filter by unit too. */
  scoped: boolean;
  onFilters: (filters: CrudFilter[]) => void;
}) {
  const t = useTranslate();
  const [form] = Form.useForm();
  const controls = filterControls(columns);
  const { tree } = useUnitTree();
  const apply = () => {
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    const unit = scoped ? findUnit(tree, values.__unit as number | undefined) : null;
    onFilters(listFilters(controls, picked(controls, values), values.__q as string | undefined, unit?.path ?? null));
  };
  return (
    <Form
      form={form}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 8 }}
      // Typed text searches on Enter (or when cleared); a choice filters at once.
      onValuesChange={(changed: Record<string, unknown>) => {
        if (!('__q' in changed) || !changed.__q) apply();
      }}
      data-testid="list-filters"
    >
      <Form.Item name="__q">
        <Input.Search placeholder={t('list.search')} allowClear style={{ width: 200 }} onSearch={apply} data-testid="list-search" />
      </Form.Item>
      {controls.map((c) => (
        <Form.Item key={c.field} name={c.field} data-filter={c.field}>
          {control(c, t('list.yes'), t('list.no'))}
        </Form.Item>
      ))}
      {scoped && tree.length > 0 && (
        <Form.Item name="__unit">
          <UnitFilterSelect tree={tree} placeholder={t('list.unit')} minWidth={200} />
        </Form.Item>
      )}
    </Form>
  );
}
