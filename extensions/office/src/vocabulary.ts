// Words of office work (办公): document kinds, receipt states and the reminders
// a recipient gets. Shared by the schema, the endpoint and the worker.

/** 公文, 通知, 信息简报, 计划总结, 经验交流 */
export const DOCUMENT_KINDS = {
  document: '公文',
  notice: '通知',
  briefing: '信息简报',
  plan_summary: '计划总结',
  experience: '经验交流',
  analysis: '分析研判报告',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export const DOCUMENT_STATUSES = { draft: '草稿', sent: '已发送' } as const;

/** A recipient's receipt: 未读, 已读, 已签收, 逾期签收 (signed after the deadline). */
export const RECEIPT_STATUSES = { unread: '未读', read: '已读', signed: '已签收', late: '逾期签收' } as const;
export type ReceiptStatus = keyof typeof RECEIPT_STATUSES;

/** A reply's or a submission's text (报送内容): the server's limit and the form's. */
export const MAX_REPLY_CHARS = 5000;

/** A 每日必办 item's note (办理情况). */
export const MAX_DAILY_NOTE_CHARS = 1000;

/** A recipient's reply or material submission (报送). */
export const REPLY_STATUSES = { not_required: '无需报送', pending: '待报送', submitted: '已报送', late: '逾期报送' } as const;
export type ReplyStatus = keyof typeof REPLY_STATUSES;

/** The deadline policy row (deadline_policies.matter_type) office documents use: sign-for and reply times per urgency. */
export const DOCUMENT_POLICY_TYPE = 'document';

export const OFFICE_REMINDER_KINDS = {
  sign_remind: '签收提醒',
  sign_chase: '逾期未签收催办',
  reply_remind: '报送提醒',
  reply_chase: '逾期未报送催办',
  // A special project's submission (project_submissions), not a document receipt.
  project_remind: '专项工作报送提醒',
  project_chase: '专项工作逾期未报送催办',
} as const;
export type OfficeReminderKind = keyof typeof OFFICE_REMINDER_KINDS;

export const SPECIAL_PROJECT_STATUSES = { open: '进行中', closed: '已结束' } as const;
/** A unit's submission (报送) to a special project: the reply states of a document, without “not required”. */
export const PROJECT_SUBMISSION_STATUSES = {
  pending: REPLY_STATUSES.pending,
  submitted: REPLY_STATUSES.submitted,
  late: REPLY_STATUSES.late,
} as const;
export type ProjectSubmissionStatus = keyof typeof PROJECT_SUBMISSION_STATUSES;

/** 终端: PC and phone (R3). */
export const TERMINAL_KINDS = { pc: 'PC终端（电脑）', phone: '移动终端（手机）' } as const;
export type TerminalKind = keyof typeof TERMINAL_KINDS;
export const TERMINAL_STATUSES = { in_use: '在用', handing_over: '交接中', lost: '已挂失', retired: '已收回停用' } as const;
export const HANDOVER_REASONS = { transfer: '调离', resignation: '辞职', reassignment: '岗位调整', other: '其他' } as const;
export const HANDOVER_STATUSES = { pending: '待双方确认', completed: '已完成', cancelled: '已撤销' } as const;
/** 管理员变动 (R4): filed upward to the superior office. */
export const ROSTER_CHANGES = { appointed: '新任', removed: '免去' } as const;

/** 矛盾纠纷 (考评办法第九条 3). */
export const DISPUTE_TYPES = {
  neighbourhood: '邻里纠纷',
  family: '婚姻家庭',
  property_management: '物业纠纷',
  labour: '劳资纠纷',
  land: '土地山林',
  demolition: '征地拆迁',
  medical: '医患纠纷',
  traffic: '交通事故',
  other: '其他',
} as const;
export const DISPUTE_SCALES = { individual: '个体', group: '群体' } as const;
export const RISK_LEVELS = { low: '低', medium: '中', high: '高' } as const;
export type RiskLevel = keyof typeof RISK_LEVELS;
export const MEDIATION_METHODS = { people: '人民调解', administrative: '行政调解', judicial: '司法调解', other: '其他' } as const;
export const DISPUTE_STATUSES = { mediating: '调解中', resolved: '已化解', unresolved: '未化解' } as const;
/** The deadline policy row of a dispute's mediation: matter_type "dispute", urgency by risk. */
export const DISPUTE_POLICY_TYPE = 'dispute';
export const URGENCY_OF_RISK: Record<RiskLevel, string> = { high: 'extra_urgent', medium: 'urgent', low: 'normal' };
/** 化解率达95%以上. */
export const RESOLUTION_TARGET = 0.95;

/** 信访突出问题, 群体性事件 (第九条 5). */
export const INCIDENT_KINDS = { petition_problem: '信访突出问题', mass_incident: '群体性事件' } as const;
export const INCIDENT_STATUSES = { monitoring: '稳控中', controlled: '已稳控', resolved: '已化解' } as const;

/** 稳评 conclusions (第九条 7). */
export const ASSESSMENT_SUBJECTS = { decision: '重大决策', project: '重大项目', matter: '重大事项' } as const;
export const ASSESSMENT_CONCLUSIONS = {
  proceed: '可以实施',
  proceed_with_measures: '落实措施后实施',
  postpone: '暂缓实施',
  reject: '不予实施',
} as const;
export const CAMPAIGN_STATUSES = { ongoing: '整治中', completed: '已完成' } as const;

/** 每日必办 item kinds. */
export const DAILY_TASK_KINDS = {
  patrol: '巡查网格',
  visit: '走访重点人员',
  check: '检查重点场所和设施',
  report: '信息采集上报',
  other: '其他',
} as const;
