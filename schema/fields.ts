// Small builders for field definitions, so that each collection file reads as
// the list of its fields with their Chinese labels.

import type { FieldSpec } from './types.ts';

type Meta = Record<string, unknown>;

export function label(zh: string, en: string): Meta {
  return {
    translations: [
      { language: 'zh-CN', translation: zh },
      { language: 'en-US', translation: en },
    ],
  };
}

export function choices(list: Record<string, string>): { text: string; value: string }[] {
  return Object.entries(list).map(([value, text]) => ({ text, value }));
}

export function idField(): FieldSpec {
  return {
    field: 'id',
    type: 'integer',
    schema: { is_primary_key: true, has_auto_increment: true },
    meta: { hidden: true, readonly: true },
  };
}

export function stringField(field: string, zh: string, en: string, meta: Meta = {}, schema: Record<string, unknown> = {}): FieldSpec {
  return { field, type: 'string', schema: { max_length: 255, ...schema }, meta: { interface: 'input', ...label(zh, en), ...meta } };
}

export function textField(field: string, zh: string, en: string, meta: Meta = {}): FieldSpec {
  return { field, type: 'text', schema: {}, meta: { interface: 'input-multiline', ...label(zh, en), ...meta } };
}

export function selectField(
  field: string,
  zh: string,
  en: string,
  options: Record<string, string>,
  meta: Meta = {},
  schema: Record<string, unknown> = {},
): FieldSpec {
  return {
    field,
    type: 'string',
    schema: { max_length: 32, ...schema },
    meta: {
      interface: 'select-dropdown',
      options: { choices: choices(options) },
      display: 'labels',
      display_options: { choices: choices(options) },
      ...label(zh, en),
      ...meta,
    },
  };
}

export function dateField(field: string, zh: string, en: string, meta: Meta = {}): FieldSpec {
  return { field, type: 'date', schema: {}, meta: { interface: 'datetime', ...label(zh, en), ...meta } };
}

/** Chinese mainland mobile or fixed-line number, for contact fields. */
export const PHONE_PATTERN = '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$';

export function phoneField(field: string, zh: string, en: string, meta: Meta = {}): FieldSpec {
  return stringField(
    field,
    zh,
    en,
    {
      validation: { [field]: { _regex: PHONE_PATTERN } },
      validation_message: '请输入有效的手机号或固定电话（如 13912345678 或 025-58881234）',
      ...meta,
    },
    { max_length: 20 },
  );
}

export function userStamps(): FieldSpec[] {
  return [
    {
      field: 'user_created',
      type: 'uuid',
      schema: {},
      meta: { special: ['user-created'], interface: 'select-dropdown-m2o', readonly: true, hidden: true, ...label('创建人', 'Created by') },
    },
    {
      field: 'date_created',
      type: 'timestamp',
      schema: {},
      meta: { special: ['date-created'], interface: 'datetime', readonly: true, hidden: true, ...label('创建时间', 'Created at') },
    },
    {
      field: 'date_updated',
      type: 'timestamp',
      schema: {},
      meta: { special: ['date-updated'], interface: 'datetime', readonly: true, hidden: true, ...label('更新时间', 'Updated at') },
    },
  ];
}

/** A many-to-one field; its relation comes from `manyToOneRelation`. */
export function manyToOneField(
  field: string,
  zh: string,
  en: string,
  template: string,
  meta: Meta = {},
  schema: Record<string, unknown> = {},
  type = 'integer',
): FieldSpec {
  return {
    field,
    type,
    schema,
    meta: {
      interface: 'select-dropdown-m2o',
      special: ['m2o'],
      options: { template },
      display: 'related-values',
      display_options: { template },
      ...label(zh, en),
      ...meta,
    },
  };
}

export function integerField(field: string, zh: string, en: string, meta: Meta = {}, schema: Record<string, unknown> = {}): FieldSpec {
  return { field, type: 'integer', schema, meta: { interface: 'input', ...label(zh, en), ...meta } };
}

export function booleanField(field: string, zh: string, en: string, meta: Meta = {}, defaultValue = false): FieldSpec {
  return {
    field,
    type: 'boolean',
    schema: { default_value: defaultValue },
    meta: { interface: 'boolean', special: ['cast-boolean'], ...label(zh, en), ...meta },
  };
}

export function timestampField(field: string, zh: string, en: string, meta: Meta = {}): FieldSpec {
  return { field, type: 'timestamp', schema: {}, meta: { interface: 'datetime', ...label(zh, en), ...meta } };
}

export function jsonField(field: string, zh: string, en: string, meta: Meta = {}): FieldSpec {
  return {
    field,
    type: 'json',
    schema: {},
    meta: { interface: 'input-code', options: { language: 'JSON' }, special: ['cast-json'], ...label(zh, en), ...meta },
  };
}

/** A person (a Directus user), shown by name. */
export function userField(field: string, zh: string, en: string, meta: Meta = {}, schema: Record<string, unknown> = {}): FieldSpec {
  return {
    field,
    type: 'uuid',
    schema,
    meta: {
      interface: 'select-dropdown-m2o',
      special: ['m2o'],
      width: 'half',
      options: { template: '{{last_name}}{{first_name}}' },
      ...label(zh, en),
      ...meta,
    },
  };
}
