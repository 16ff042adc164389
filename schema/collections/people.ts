// 实有人口: one record per person living in the district, keyed by the ID number
// (GB 11643) across the whole district, with the common person fields of
// GB/T 31000-2015 and the typed details of its categories: registered residents
// (户籍), floating population (流动人口), foreigners (境外人员) and left-behind
// persons (留守人员). A person may be in several categories at once.
//
// Privacy (R19): the raw ID, passport and phone numbers are readable only by the
// roles that register people (see PERSONAL_FIELDS and schema/access.ts); every
// other role reads the stored masked forms. The masked forms, birth date and sex
// are derived on the server (extensions/registries).

import {
  booleanField,
  dateField,
  idField,
  label,
  manyToOneField,
  selectField,
  stringField,
  textField,
  timestampField,
  userStamps,
} from '../fields.ts';
import { jurisdictionFields, jurisdictionRelation } from '../jurisdiction.ts';
import type { CollectionSpec, FieldSpec, RelationSpec } from '../types.ts';
import { codeField, codeRelation, type CodeTableKey } from './code-tables.ts';

/** Record states of GB/T 31000 (草稿, 有效, 失效). */
export const RECORD_STATES = { draft: '草稿', in_force: '有效', ended: '已失效' };

export const LEFT_BEHIND_KINDS = { child: '留守儿童', woman: '留守妇女', elderly: '留守老人' };

/** Raw personal identifiers: read only by the roles that need them (R19). */
export const PERSONAL_FIELDS: Record<string, string[]> = {
  people: ['id_number', 'phone', 'passport_number'],
};

/**
 * The most records of a collection with personal numbers one request may read, below the
 * Directus administrator: a page for work, not an export (paging stays usable; more goes
 * through an approved export request).
 */
export const PERSONAL_PAGE_LIMIT = 200;

/**
 * 国密 at rest: the personal fields are stored sealed (SM4, kernel/personal-vault.ts), and the
 * ID number is found exactly through its SM3-HMAC blind index, kept in its own column.
 */
export const SEALED_PERSONAL_FIELDS = {
  fields: PERSONAL_FIELDS,
  indexes: { people: { id_number: 'id_number_index' } } as Record<string, Record<string, string>>,
};

/** Blind-index columns: the server's, read by no role (filters on the sealed field are turned into tests on them). */
export const BLIND_INDEX_FIELDS: Record<string, string[]> = Object.fromEntries(
  Object.entries(SEALED_PERSONAL_FIELDS.indexes).map(([collection, indexes]) => [collection, Object.values(indexes)]),
);

/** Fields the server derives; a client may not send them. */
export const DERIVED_PERSON_FIELDS = ['id_number_masked', 'phone_masked', 'id_number_index'];

/**
 * A sealed field: the column holds the sealed text (up to 255 characters), the form and the server
 * hold the value to `length` characters (Studio's counter, integrity's check).
 */
function sealedField(field: string, zh: string, en: string, length: number, meta: Record<string, unknown>): FieldSpec {
  const spec = stringField(field, zh, en, meta, { max_length: 255 });
  return { ...spec, meta: { ...spec.meta, options: { softLength: length } } };
}

function group(field: string, zh: string, en: string, meta: Record<string, unknown> = {}): FieldSpec {
  return {
    field,
    type: 'alias',
    schema: null,
    meta: { interface: 'group-detail', special: ['alias', 'no-data', 'group'], options: { start: 'closed' }, ...label(zh, en), ...meta },
  };
}

/** GB/T 2260 administrative division code: six digits. */
export const DIVISION_CODE_PATTERN = '^[1-9]\\d{5}$';

function divisionField(field: string, zh: string, en: string, groupName?: string): FieldSpec {
  return stringField(
    field,
    zh,
    en,
    {
      width: 'half',
      group: groupName,
      note: '六位行政区划代码（GB/T 2260），如 320111',
      validation: { [field]: { _regex: DIVISION_CODE_PATTERN } },
      validation_message: '请填写六位行政区划代码',
    },
    { max_length: 6 },
  );
}

const CODE_FIELDS: [field: string, table: CodeTableKey, group?: string][] = [
  ['sex', 'sex'],
  ['ethnicity', 'ethnicity'],
  ['marital_status', 'marital_status'],
  ['political_status', 'political_status'],
  ['education', 'education'],
  ['religion', 'religion'],
  ['occupation_category', 'occupation_category'],
  ['relation_to_householder', 'relation_to_householder', 'group_registered'],
  ['moving_in_reason', 'moving_in_reason', 'group_floating'],
  ['permit_type', 'permit_type', 'group_floating'],
  ['dwelling_type', 'dwelling_type', 'group_floating'],
];

/** Which code table each coded field of a person draws from (the hook checks values against it). */
export const PERSON_CODE_FIELDS: Record<string, CodeTableKey> = Object.fromEntries(CODE_FIELDS.map(([field, table]) => [field, table]));

const coded = (name: string) => {
  const [field, table, groupName] = CODE_FIELDS.find(([f]) => f === name)!;
  return codeField(field, table, groupName ? { group: groupName } : {});
};

export const people: CollectionSpec = {
  collection: 'people',
  scopePath: 'unit_path',
  meta: {
    icon: 'person',
    note: '实有人口：全区一人一档（以身份证号码为准），含户籍、流动、境外、留守人员',
    display_template: '{{name}} {{id_number_masked}}',
    archive_field: 'state',
    archive_value: 'ended',
    unarchive_value: 'in_force',
    ...label('实有人口', 'People'),
  },
  fields: [
    idField(),
    ...jurisdictionFields(),
    // Indexed: people are looked up by name.
    stringField('name', '姓名', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 50, is_indexed: true }),
    stringField('former_name', '曾用名', 'Former name', { width: 'half' }, { max_length: 50 }),
    sealedField('id_number', '公民身份号码', 'ID number', 18, {
      width: 'half',
      note: '18位，末位可为X；境外人员可不填，填写护照号码。加密保存',
    }),
    stringField(
      'id_number_index',
      '身份证号码索引',
      'ID number index',
      { hidden: true, readonly: true, note: '身份证号码的盲索引（SM3-HMAC），由系统生成，用于精确查找和一人一档' },
      { is_unique: true, max_length: 64 },
    ),
    stringField(
      'id_number_masked',
      '身份证号码（脱敏）',
      'ID number (masked)',
      { readonly: true, width: 'half', note: '自动生成' },
      { max_length: 18 },
    ),
    coded('sex'),
    dateField('birth_date', '出生日期', 'Birth date', { width: 'half', note: '填写身份证号码后自动生成' }),
    coded('ethnicity'),
    coded('marital_status'),
    coded('political_status'),
    coded('education'),
    coded('religion'),
    coded('occupation_category'),
    stringField('occupation', '职业', 'Occupation', { width: 'half' }, { max_length: 60 }),
    stringField('workplace', '服务处所', 'Workplace', { width: 'half' }, { max_length: 100 }),
    sealedField('phone', '联系方式', 'Phone', 20, { width: 'half', note: '手机号或固定电话，如 13912345678 或 025-58881234。加密保存' }),
    stringField(
      'phone_masked',
      '联系方式（脱敏）',
      'Phone (masked)',
      { readonly: true, width: 'half', note: '自动生成' },
      { max_length: 20 },
    ),
    divisionField('native_place_code', '籍贯', 'Native place'),
    divisionField('household_place_code', '户籍地', 'Household registration place'),
    stringField('household_address', '户籍地详址', 'Household registration address', {}, { max_length: 200 }),
    divisionField('residence_place_code', '现住地', 'Current residence place'),
    stringField('residence_address', '现住地详址', 'Current address', {}, { max_length: 200 }),
    selectField(
      'state',
      '状态',
      'State',
      RECORD_STATES,
      { width: 'half', required: true },
      { is_nullable: false, default_value: 'in_force' },
    ),
    dateField('valid_from', '有效期起', 'Valid from', { width: 'half' }),
    dateField('valid_to', '有效期止', 'Valid to', { width: 'half', note: '迁出本区、死亡等，填写后状态为已失效' }),
    booleanField('is_registered', '户籍人口', 'Registered resident', { width: 'quarter' }),
    booleanField('is_floating', '流动人口', 'Floating population', { width: 'quarter' }),
    booleanField('is_foreigner', '境外人员', 'Foreigner', { width: 'quarter' }),
    booleanField('is_left_behind', '留守人员', 'Left-behind person', { width: 'quarter' }),

    group('group_registered', '户籍人口信息', 'Registered resident', {
      conditions: [{ name: 'only registered', rule: { is_registered: { _eq: false } }, hidden: true }],
    }),
    stringField('household_number', '户号', 'Household number', { width: 'half', group: 'group_registered' }, { max_length: 30 }),
    stringField('householder_name', '户主姓名', 'Householder', { width: 'half', group: 'group_registered' }, { max_length: 50 }),
    coded('relation_to_householder'),

    group('group_floating', '流动人口信息', 'Floating population', {
      conditions: [{ name: 'only floating', rule: { is_floating: { _eq: false } }, hidden: true }],
    }),
    coded('moving_in_reason'),
    coded('permit_type'),
    stringField('permit_number', '证件号码', 'Permit number', { width: 'half', group: 'group_floating' }, { max_length: 40 }),
    dateField('registered_on', '登记日期', 'Registered on', { width: 'half', group: 'group_floating' }),
    dateField('permit_expires_on', '证件到期日期', 'Permit expires on', { width: 'half', group: 'group_floating' }),
    coded('dwelling_type'),
    booleanField('of_concern', '是否重点关注人员', 'Of concern', { width: 'half', group: 'group_floating' }),

    group('group_foreigner', '境外人员信息', 'Foreigner', {
      conditions: [{ name: 'only foreigners', rule: { is_foreigner: { _eq: false } }, hidden: true }],
    }),
    stringField(
      'nationality',
      '国籍（地区）',
      'Nationality',
      { width: 'half', group: 'group_foreigner', note: 'ISO 3166 三位字母代码，如 USA' },
      { max_length: 3 },
    ),
    selectField(
      'passport_type',
      '证件种类',
      'Document type',
      { passport: '护照', hk_macao: '港澳居民来往内地通行证', taiwan: '台湾居民来往大陆通行证', other: '其他' },
      { width: 'half', group: 'group_foreigner' },
    ),
    sealedField('passport_number', '证件号码', 'Document number', 30, { width: 'half', group: 'group_foreigner', note: '加密保存' }),
    stringField('entry_purpose', '入境事由', 'Purpose of stay', { width: 'half', group: 'group_foreigner' }, { max_length: 60 }),
    dateField('arrived_on', '抵达日期', 'Arrived on', { width: 'half', group: 'group_foreigner' }),
    dateField('departs_on', '预计离开日期', 'Planned departure', { width: 'half', group: 'group_foreigner' }),

    group('group_left_behind', '留守人员信息', 'Left-behind person', {
      conditions: [{ name: 'only left-behind', rule: { is_left_behind: { _eq: false } }, hidden: true }],
    }),
    selectField('left_behind_kind', '留守人员类型', 'Kind', LEFT_BEHIND_KINDS, { width: 'half', group: 'group_left_behind' }),
    stringField('health', '健康状况', 'Health', { width: 'half', group: 'group_left_behind' }, { max_length: 60 }),
    stringField('income', '个人年收入', 'Annual income', { width: 'half', group: 'group_left_behind' }, { max_length: 30 }),
    textField('family_members', '家庭主要成员', 'Family members', { group: 'group_left_behind' }),
    textField('difficulties', '困难及诉求', 'Difficulties and requests', { group: 'group_left_behind' }),
    textField('assistance', '帮扶情况', 'Assistance', { group: 'group_left_behind' }),

    {
      field: 'moves',
      type: 'alias',
      schema: null,
      meta: { interface: 'list-o2m', special: ['o2m'], readonly: true, ...label('迁移记录', 'Moves') },
    },
    ...userStamps(),
  ],
  relations: [
    jurisdictionRelation('people'),
    ...CODE_FIELDS.map(([field, table]): RelationSpec => codeRelation('people', field, table)),
    { collection: 'people', field: 'user_created', related_collection: 'directus_users' },
  ],
};

/** 迁移记录: a person moved from one unit to another (a grid worker's record is moved, never deleted). */
export const personMoves: CollectionSpec = {
  collection: 'person_moves',
  meta: {
    icon: 'move_down',
    display_template: '{{moved_at}}',
    note: '人员在网格、社区间迁移的记录，只增不改',
    ...label('人员迁移记录', 'Person moves'),
  },
  fields: [
    idField(),
    manyToOneField('person', '人员', 'Person', '{{name}}', { readonly: true }, { is_nullable: false }),
    manyToOneField('from_unit', '迁出单位', 'From unit', '{{name}}', { readonly: true, width: 'half' }),
    manyToOneField('to_unit', '迁入单位', 'To unit', '{{name}}', { readonly: true, width: 'half' }),
    stringField('from_path', '迁出单位路径', 'From path', { readonly: true, hidden: true }),
    stringField('to_path', '迁入单位路径', 'To path', { readonly: true, hidden: true }),
    textField('reason', '迁移原因', 'Reason', { readonly: true }),
    {
      field: 'moved_by',
      type: 'uuid',
      schema: {},
      meta: {
        interface: 'select-dropdown-m2o',
        special: ['m2o'],
        readonly: true,
        options: { template: '{{last_name}}{{first_name}}' },
        ...label('办理人', 'Moved by'),
      },
    },
    timestampField('moved_at', '迁移时间', 'Moved at', { readonly: true }),
  ],
  relations: [
    {
      collection: 'person_moves',
      field: 'person',
      related_collection: 'people',
      meta: { one_field: 'moves' },
      schema: { on_delete: 'CASCADE' },
    },
    { collection: 'person_moves', field: 'from_unit', related_collection: 'units' },
    { collection: 'person_moves', field: 'to_unit', related_collection: 'units' },
    { collection: 'person_moves', field: 'moved_by', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
  ],
};
