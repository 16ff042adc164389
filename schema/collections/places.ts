// 地、物: residential compounds (小区), buildings and houses, rental houses with
// their owner and tenants (both linked to people records, so their identifiers
// follow the people's privacy rules), key areas (重点区域) with rectification
// campaigns, and security facilities (治安设施) with monthly inspections.

import { dateField, integerField, label, manyToOneField, phoneField, selectField, stringField, textField, userStamps } from '../fields.ts';
import type { CollectionSpec } from '../types.ts';
import { codeField, codeRelation } from './code-tables.ts';
import { coordinateFields, oneToMany, personField, scopedCollection, toItem, toPeople, toUsers, userField } from './registry-builders.ts';

const area = (field: string, zh: string, en: string) => ({
  field,
  type: 'decimal',
  schema: { numeric_precision: 10, numeric_scale: 2 },
  meta: { interface: 'input', width: 'half', validation: { [field]: { _gt: 0 } }, ...label(zh, en) },
});

export const compounds: CollectionSpec = scopedCollection(
  'compounds',
  '小区',
  'Residential compounds',
  'holiday_village',
  '住宅小区及物业',
  '{{name}}',
  [
    stringField('name', '小区名称', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 100 }),
    stringField('address', '地址', 'Address', { width: 'half' }, { max_length: 200 }),
    stringField('property_company', '物业公司', 'Property company', { width: 'half' }, { max_length: 100 }),
    phoneField('property_phone', '物业电话', 'Property phone', { width: 'half' }),
    integerField('household_count', '户数', 'Households', { width: 'half', validation: { household_count: { _gte: 0 } } }),
    ...coordinateFields(),
    oneToMany('buildings', '楼栋', 'Buildings'),
  ],
);

export const buildings: CollectionSpec = scopedCollection(
  'buildings',
  '楼栋',
  'Buildings',
  'apartment',
  '小区内或独立的楼栋',
  '{{name}}',
  [
    manyToOneField('compound', '所在小区', 'Compound', '{{name}}', { width: 'half' }),
    stringField('name', '楼栋号', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 60 }),
    stringField('address', '地址', 'Address', {}, { max_length: 200 }),
    integerField('floors', '层数', 'Floors', { width: 'half', validation: { floors: { _between: [1, 200] } } }),
    ...coordinateFields(),
    oneToMany('houses', '房屋', 'Houses'),
  ],
  [toItem('buildings', 'compound', 'compounds', 'buildings', 'SET NULL')],
);

export const houses: CollectionSpec = scopedCollection(
  'houses',
  '房屋',
  'Houses',
  'home',
  '实有房屋',
  '{{address}}',
  [
    manyToOneField('building', '所在楼栋', 'Building', '{{name}}', { width: 'half' }),
    stringField('number', '房屋编号', 'Number', { width: 'half' }, { max_length: 40, is_unique: true }),
    stringField('address', '房屋地址', 'Address', { required: true }, { is_nullable: false, max_length: 200 }),
    codeField('use', 'house_use'),
    area('floor_area', '建筑面积（㎡）', 'Floor area (m²)'),
    personField('owner', '房主', 'Owner'),
    ...coordinateFields(),
    ...userStamps(),
  ],
  [
    toItem('houses', 'building', 'buildings', 'houses', 'SET NULL'),
    codeRelation('houses', 'use', 'house_use'),
    toPeople('houses', 'owner', 'SET NULL'),
    toUsers('houses', 'user_created'),
  ],
);

export const rentalHouses: CollectionSpec = scopedCollection(
  'rental_houses',
  '出租房屋',
  'Rental houses',
  'key',
  '出租房屋：房主、承租人、隐患',
  '{{address}}',
  [
    manyToOneField('house', '房屋', 'House', '{{address}}', { width: 'half' }),
    stringField('number', '出租房屋编号', 'Number', { width: 'half' }, { max_length: 40, is_unique: true }),
    stringField('address', '地址', 'Address', { required: true }, { is_nullable: false, max_length: 200 }),
    codeField('use', 'house_use', {}, '出租用途', 'Rental use'),
    area('rented_area', '出租面积（㎡）', 'Rented area (m²)'),
    personField('owner', '房主', 'Owner', { required: true, note: '房主的身份证号、电话、住址见其人员档案' }),
    codeField('hazard_type', 'hazard_type'),
    dateField('rented_from', '出租起始日期', 'Rented from', { width: 'half' }),
    ...coordinateFields(),
    oneToMany('tenants', '承租人', 'Tenants'),
    ...userStamps(),
  ],
  [
    toItem('rental_houses', 'house', 'houses', undefined, 'SET NULL'),
    codeRelation('rental_houses', 'use', 'house_use'),
    codeRelation('rental_houses', 'hazard_type', 'hazard_type'),
    toPeople('rental_houses', 'owner'),
    toUsers('rental_houses', 'user_created'),
  ],
);

export const rentalTenants: CollectionSpec = scopedCollection(
  'rental_tenants',
  '承租人',
  'Tenants',
  'person_pin',
  '出租房屋的承租人（关联实有人口）',
  '{{person.name}}',
  [
    manyToOneField('rental_house', '出租房屋', 'Rental house', '{{address}}', { required: true }, { is_nullable: false }),
    personField('person', '承租人', 'Tenant', { required: true }),
    dateField('moved_in', '入住日期', 'Moved in', { width: 'half' }),
    dateField('moved_out', '退租日期', 'Moved out', { width: 'half' }),
  ],
  [toItem('rental_tenants', 'rental_house', 'rental_houses', 'tenants'), toPeople('rental_tenants', 'person')],
);

export const keyAreas: CollectionSpec = scopedCollection(
  'key_areas',
  '重点区域',
  'Key areas',
  'report',
  '治安重点地区（部位）及其突出问题',
  '{{name}}',
  [
    stringField('name', '区域名称', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 100 }),
    selectField(
      'area_type',
      '区域类型',
      'Type',
      {
        public_order: '治安复杂区域',
        school_surrounds: '校园周边',
        railway: '铁路沿线',
        market: '集贸市场',
        construction: '建筑工地',
        other: '其他',
      },
      { width: 'half' },
    ),
    textField('problem', '突出治安问题', 'Problem'),
    stringField('extent', '涉及范围', 'Extent', { width: 'half' }, { max_length: 200 }),
    ...coordinateFields(),
    // Its campaigns are rectification_campaigns (schema/collections/field-work.ts), which point here.
    oneToMany('campaigns', '整治情况', 'Rectification campaigns'),
  ],
);

export const securityFacilities: CollectionSpec = scopedCollection(
  'security_facilities',
  '治安设施',
  'Security facilities',
  'videocam',
  '视频监控、治安岗亭、消防设施等，每月巡检',
  '{{name}}',
  [
    stringField('name', '设施名称', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 100 }),
    selectField(
      'facility_type',
      '设施类型',
      'Type',
      { camera: '视频监控', booth: '治安岗亭', alarm: '报警装置', fire: '消防设施', lighting: '照明设施', other: '其他' },
      { required: true, width: 'half' },
      { is_nullable: false },
    ),
    stringField('location', '位置', 'Location', {}, { max_length: 200 }),
    ...coordinateFields(),
    stringField('keeper_name', '管护人', 'Keeper', { width: 'half' }, { max_length: 50 }),
    phoneField('keeper_phone', '管护人电话', 'Keeper phone', { width: 'half' }),
    oneToMany('inspections', '巡检记录', 'Inspections'),
  ],
);

export const facilityInspections: CollectionSpec = scopedCollection(
  'facility_inspections',
  '设施巡检',
  'Facility inspections',
  'fact_check',
  '治安设施每月巡检一次（考评：每缺一次扣0.1分）',
  '{{month}} {{condition}}',
  [
    manyToOneField('facility', '治安设施', 'Facility', '{{name}}', { required: true }, { is_nullable: false }),
    stringField(
      'month',
      '巡检月份',
      'Month',
      {
        required: true,
        width: 'half',
        validation: { month: { _regex: '^\\d{4}-(0[1-9]|1[0-2])$' } },
        validation_message: '月份格式为 2026-11',
      },
      { is_nullable: false, max_length: 7 },
    ),
    dateField('inspected_on', '巡检日期', 'Inspected on', { required: true, width: 'half' }),
    userField('inspector', '巡检人', 'Inspector', { special: ['m2o', 'user-created'], readonly: true }),
    selectField(
      'condition',
      '设施状况',
      'Condition',
      { normal: '正常', faulty: '故障', damaged: '损坏', missing: '缺失' },
      { required: true, width: 'half' },
      { is_nullable: false },
    ),
    textField('remark', '情况说明', 'Remark'),
  ],
  [toItem('facility_inspections', 'facility', 'security_facilities', 'inspections'), toUsers('facility_inspections', 'inspector')],
);

export const PLACE_COLLECTIONS = [
  compounds,
  buildings,
  houses,
  rentalHouses,
  rentalTenants,
  keyAreas,
  securityFacilities,
  facilityInspections,
];
