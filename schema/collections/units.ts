// 单位: the district's tree of offices (区、街道、社区、网格) with the functional
// departments and member units beside it.

import { KIND_LABELS, LEVEL_LABELS } from '../../extensions/kernel/unit-path.ts';
import { idField, label, manyToOneField, phoneField, selectField, stringField, textField } from '../fields.ts';
import type { CollectionSpec } from '../types.ts';

export const units: CollectionSpec = {
  collection: 'units',
  keepInstead: '撤并单位时，请先把其下级单位、账号和记录迁移到其他单位（修改“上级单位”或“所属单位”）',
  scopePath: 'path',
  meta: {
    icon: 'account_tree',
    note: '区、街道、社区、网格四级综治单位及职能部门、成员单位',
    display_template: '{{name}}',
    sort_field: 'path',
    ...label('单位', 'Units'),
  },
  fields: [
    idField(),
    stringField(
      'code',
      '单位编码',
      'Code',
      {
        required: true,
        note: '大写字母和数字，如 S03、C012、G05；创建后不可修改',
        validation: { code: { _regex: '^[A-Z0-9]{1,20}$' } },
        validation_message: '单位编码只能由大写字母和数字组成，最长20位',
        width: 'half',
      },
      { max_length: 20, is_nullable: false },
    ),
    stringField('name', '单位名称', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 100 }),
    selectField('level', '层级', 'Level', LEVEL_LABELS, { required: true, width: 'half' }, { is_nullable: false }),
    selectField('kind', '类别', 'Kind', KIND_LABELS, { required: true, width: 'half' }, { is_nullable: false, default_value: 'office' }),
    manyToOneField('parent', '上级单位', 'Parent unit', '{{name}}', { note: '改变上级单位即迁移本单位及其下级、人员和数据' }),
    stringField(
      'path',
      '单位路径',
      'Path',
      { readonly: true, note: '由上级单位和单位编码自动生成' },
      { is_unique: true, is_nullable: true },
    ),
    stringField('contact_person', '联系人', 'Contact person', { width: 'half' }, { max_length: 50 }),
    phoneField('contact_phone', '联系电话', 'Contact phone', { width: 'half' }),
    {
      field: 'centre_lat',
      type: 'decimal',
      schema: { numeric_precision: 10, numeric_scale: 7 },
      meta: {
        interface: 'input',
        width: 'half',
        ...label('中心点纬度', 'Centre latitude'),
        validation: { centre_lat: { _between: [-90, 90] } },
      },
    },
    {
      field: 'centre_lng',
      type: 'decimal',
      schema: { numeric_precision: 10, numeric_scale: 7 },
      meta: {
        interface: 'input',
        width: 'half',
        ...label('中心点经度', 'Centre longitude'),
        validation: { centre_lng: { _between: [-180, 180] } },
      },
    },
    {
      field: 'boundary',
      type: 'json',
      schema: {},
      meta: {
        // Drawn on Studio's map, or imported from a GeoJSON file (the app's grid map imports many at once);
        // kept as a GeoJSON geometry, checked as one (kernel/geojson.ts).
        interface: 'map',
        options: { geometryType: 'Polygon' },
        note: '网格边界：在地图上绘制，或导入 GeoJSON（Polygon 或 MultiPolygon，经纬度）',
        ...label('边界', 'Boundary'),
      },
    },
    textField('remark', '备注', 'Remark'),
  ],
  relations: [{ collection: 'units', field: 'parent', related_collection: 'units', schema: { on_delete: 'NO ACTION' } }],
};
