// 办公: documents and notices (公文, 通知, 信息简报, 计划总结, 经验交流, 分析研判报告) drafted at a
// unit and sent to chosen units, one receipt per recipient unit (签收, 报送),
// and their attachments. A document may belong to a special project (专项工作,
// special-projects.ts).
// A document is sent and signed for only through the office endpoint
// (extensions/office); drafting is ordinary editing under the jurisdiction rule.

import { DOCUMENT_KINDS, DOCUMENT_STATUSES, RECEIPT_STATUSES, REPLY_STATUSES } from '../../extensions/office/src/vocabulary.ts';
import { URGENCIES } from '../../extensions/domains/matters/vocabulary.ts';
import {
  booleanField,
  idField,
  integerField,
  label,
  manyToOneField,
  selectField,
  stringField,
  textField,
  timestampField,
  userField,
  userStamps,
} from '../fields.ts';
import { jurisdictionFields, jurisdictionRelation } from '../jurisdiction.ts';
import { junction } from '../junction.ts';
import type { CollectionSpec } from '../types.ts';

export const documents: CollectionSpec = {
  collection: 'documents',
  scopePath: 'unit_path',
  meta: {
    icon: 'mail',
    display_template: '{{title}}',
    note: '公文、通知、信息简报、计划总结、经验交流、分析研判报告；起草后通过“发送”下发或报送上级，接收单位签收',
    ...label('公文通知', 'Documents and notices'),
  },
  fields: [
    idField(),
    ...jurisdictionFields().map((f) => (f.field === 'unit' ? { ...f, meta: { ...f.meta, ...label('发文单位', 'Sending unit') } } : f)),
    selectField('kind', '类别', 'Kind', DOCUMENT_KINDS, { required: true, width: 'half' }, { is_nullable: false, default_value: 'notice' }),
    selectField(
      'urgency',
      '紧急程度',
      'Urgency',
      URGENCIES,
      { required: true, width: 'half', note: '决定签收时限（时限标准中的“document”）' },
      { is_nullable: false, default_value: 'normal' },
    ),
    stringField('title', '标题', 'Title', { required: true }, { is_nullable: false, max_length: 200 }),
    stringField('reference_number', '文号', 'Reference number', { width: 'half', note: '如 浦综治〔2026〕12号' }, { max_length: 60 }),
    manyToOneField('special_project', '所属专项工作', 'Special project', '{{title}}', { width: 'half' }),
    textField('body', '正文', 'Text', { required: true }),
    {
      field: 'attachments',
      type: 'alias',
      schema: null,
      meta: { interface: 'files', special: ['files'], ...label('附件', 'Attachments') },
    },
    booleanField('reply_required', '需要报送', 'Reply required', { width: 'half', note: '接收单位须在时限内回复或报送材料' }),
    integerField('reply_within_days', '报送时限（工作日）', 'Reply within (working days)', {
      width: 'half',
      note: '不填则按时限标准',
      validation: { _or: [{ reply_within_days: { _null: true } }, { reply_within_days: { _between: [1, 60] } }] },
      validation_message: '报送时限应为1到60个工作日',
    }),
    textField('reply_instructions', '报送要求', 'What to submit'),
    selectField(
      'status',
      '状态',
      'Status',
      DOCUMENT_STATUSES,
      { readonly: true, width: 'half' },
      { is_nullable: false, default_value: 'draft' },
    ),
    timestampField('sent_at', '发送时间', 'Sent at', { readonly: true, width: 'half' }),
    userField('sent_by', '发送人', 'Sent by', { readonly: true }),
    timestampField('sign_due_at', '签收时限', 'Sign for by', { readonly: true, width: 'half' }),
    timestampField('reply_due_at', '报送时限', 'Reply by', { readonly: true, width: 'half' }),
    integerField('recipient_count', '接收单位数', 'Recipients', { readonly: true, width: 'half' }),
    stringField(
      'send_ref',
      '发送提交编号',
      'Send submission id',
      { readonly: true, hidden: true, width: 'half', note: '发送时的提交编号：重发同一编号只发送一次' },
      { is_unique: true, max_length: 64 },
    ),
    {
      field: 'recipients',
      type: 'alias',
      schema: null,
      meta: { interface: 'list-o2m', special: ['o2m'], readonly: true, ...label('接收单位', 'Recipients') },
    },
    ...userStamps(),
  ],
  relations: [
    jurisdictionRelation('documents'),
    { collection: 'documents', field: 'special_project', related_collection: 'special_projects', schema: { on_delete: 'SET NULL' } },
    { collection: 'documents', field: 'sent_by', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
    { collection: 'documents', field: 'user_created', related_collection: 'directus_users' },
  ],
};

export const documentsFiles = junction(
  { collection: 'documents', alias: 'attachments' },
  { collection: 'directus_files', alias: 'document_links', keyType: 'uuid' },
);

/**
 * One row per recipient unit of a sent document: its receipt (未读, 已读, 已签收,
 * 逾期签收) and its reply (报送). Written only by the office endpoint; read by the
 * sending unit (and its superiors) and by the recipient unit (and its superiors).
 */
export const documentRecipients: CollectionSpec = {
  collection: 'document_recipients',
  meta: {
    icon: 'mark_email_read',
    display_template: '{{unit.name}} {{status}}',
    note: '各接收单位的签收和报送情况，只能通过签收、报送接口办理',
    ...label('公文签收', 'Document receipts'),
  },
  fields: [
    idField(),
    manyToOneField('document', '公文', 'Document', '{{title}}', { readonly: true }, { is_nullable: false }),
    ...jurisdictionFields().map((f) =>
      f.field === 'unit' ? { ...f, meta: { ...f.meta, ...label('接收单位', 'Recipient unit'), readonly: true, note: null } } : f,
    ),
    selectField(
      'status',
      '签收状态',
      'Receipt',
      RECEIPT_STATUSES,
      { readonly: true, width: 'half' },
      { is_nullable: false, default_value: 'unread' },
    ),
    timestampField('read_at', '阅读时间', 'Read at', { readonly: true, width: 'half' }),
    userField('read_by', '阅读人', 'Read by', { readonly: true }),
    timestampField('signed_at', '签收时间', 'Signed at', { readonly: true, width: 'half' }),
    userField('signed_by', '签收人', 'Signed by', { readonly: true }),
    textField('sign_opinion', '签收意见', 'Remark', { readonly: true }),
    selectField(
      'reply_status',
      '报送状态',
      'Reply',
      REPLY_STATUSES,
      { readonly: true, width: 'half' },
      { is_nullable: false, default_value: 'not_required' },
    ),
    timestampField('replied_at', '报送时间', 'Replied at', { readonly: true, width: 'half' }),
    userField('replied_by', '报送人', 'Replied by', { readonly: true }),
    textField('reply_text', '报送内容', 'Reply', { readonly: true }),
    {
      field: 'reply_files',
      type: 'alias',
      schema: null,
      meta: { interface: 'files', special: ['files'], readonly: true, ...label('报送材料', 'Submitted files') },
    },
    timestampField('reminded_at', '签收提醒时间', 'Reminded at', { readonly: true, hidden: true }),
    timestampField('chased_at', '催签时间', 'Chased at', { readonly: true, hidden: true }),
    timestampField('reply_reminded_at', '报送提醒时间', 'Reply reminded at', { readonly: true, hidden: true }),
    timestampField('reply_chased_at', '报送催办时间', 'Reply chased at', { readonly: true, hidden: true }),
  ],
  relations: [
    {
      collection: 'document_recipients',
      field: 'document',
      related_collection: 'documents',
      meta: { one_field: 'recipients' },
      schema: { on_delete: 'CASCADE' },
    },
    jurisdictionRelation('document_recipients'),
    { collection: 'document_recipients', field: 'read_by', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
    { collection: 'document_recipients', field: 'signed_by', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
    { collection: 'document_recipients', field: 'replied_by', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
  ],
  indexes: [
    // The sender's status page counts and lists a document's receipts by state (named as it was when the endpoint made it).
    { columns: ['document', 'status'], name: 'document_recipients_document_status' },
    // A unit's inbox and the workbench: its receipts still to sign for.
    { columns: ['unit', 'status'] },
  ],
};

export const documentRecipientsFiles = junction(
  { collection: 'document_recipients', alias: 'reply_files' },
  { collection: 'directus_files', alias: 'document_reply_links', keyType: 'uuid' },
);

/** The ways back from a file to the documents and replies it belongs to, for read permissions. */
export const filesDocumentLinks: CollectionSpec = {
  collection: 'directus_files',
  system: true,
  fields: [
    {
      field: 'document_links',
      type: 'alias',
      schema: null,
      meta: { interface: 'list-o2m', special: ['o2m'], hidden: true, readonly: true, ...label('所属公文', 'Documents') },
    },
    {
      field: 'document_reply_links',
      type: 'alias',
      schema: null,
      meta: { interface: 'list-o2m', special: ['o2m'], hidden: true, readonly: true, ...label('所属报送', 'Replies') },
    },
  ],
};
