// The monthly report drafts the worker has made (分析研判报告, 督查通报): one row per
// office, month and kind, so that the 1st of the month drafts each once however
// many workers run and however often they scan. Written only by the worker
// (extensions/domains/reports/drafts.ts); read by the administrator in Studio.
// The drafts themselves are office documents of their unit.

import { REPORT_KINDS } from '../../extensions/domains/reports/drafts.ts';
import { idField, label, manyToOneField, selectField, stringField, timestampField } from '../fields.ts';
import type { CollectionSpec } from '../types.ts';

const readonly = { readonly: true } as const;

export const reportDrafts: CollectionSpec = {
  collection: 'report_drafts',
  meta: {
    icon: 'summarize',
    display_template: '{{key}}',
    note: '每月1日系统为各综治办起草的分析研判报告和督查通报（每个单位、月份、类别一份）；草稿在“公文”中',
    ...label('月度报告草稿', 'Monthly report drafts'),
  },
  fields: [
    idField(),
    stringField(
      'key',
      '标识',
      'Key',
      { ...readonly, note: '类别_月份_单位编号' },
      { is_unique: true, is_nullable: false, max_length: 100 },
    ),
    selectField('kind', '类别', 'Kind', REPORT_KINDS, { ...readonly, width: 'half' }, { is_nullable: false, max_length: 20 }),
    manyToOneField('document', '草稿公文', 'Draft document', '{{title}}', { ...readonly, width: 'half' }),
    timestampField('made_at', '起草时间', 'Drafted at', { ...readonly, width: 'half' }),
  ],
  relations: [{ collection: 'report_drafts', field: 'document', related_collection: 'documents', schema: { on_delete: 'SET NULL' } }],
};
