// Words of office work (办公): document kinds, receipt states and the reminders
// a recipient gets. Shared by the schema, the endpoint and the worker.

/** 公文, 通知, 信息简报, 计划总结, 经验交流 */
export const DOCUMENT_KINDS = { document: '公文', notice: '通知', briefing: '信息简报', plan_summary: '计划总结', experience: '经验交流' } as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export const DOCUMENT_STATUSES = { draft: '草稿', sent: '已发送' } as const;

/** A recipient's receipt: 未读, 已读, 已签收, 逾期签收 (signed after the deadline). */
export const RECEIPT_STATUSES = { unread: '未读', read: '已读', signed: '已签收', late: '逾期签收' } as const;
export type ReceiptStatus = keyof typeof RECEIPT_STATUSES;

/** A recipient's reply or material submission (报送). */
export const REPLY_STATUSES = { not_required: '无需报送', pending: '待报送', submitted: '已报送', late: '逾期报送' } as const;
export type ReplyStatus = keyof typeof REPLY_STATUSES;

/** The deadline policy row (deadline_policies.matter_type) office documents use: sign-for and reply times per urgency. */
export const DOCUMENT_POLICY_TYPE = 'document';

export const OFFICE_REMINDER_KINDS = { sign_remind: '签收提醒', sign_chase: '逾期未签收催办', reply_remind: '报送提醒', reply_chase: '逾期未报送催办' } as const;
export type OfficeReminderKind = keyof typeof OFFICE_REMINDER_KINDS;

export const SPECIAL_PROJECT_STATUSES = { open: '进行中', closed: '已结束' } as const;

/** 终端: PC and phone (R3). */
export const TERMINAL_KINDS = { pc: 'PC终端（电脑）', phone: '移动终端（手机）' } as const;
export type TerminalKind = keyof typeof TERMINAL_KINDS;
export const TERMINAL_STATUSES = { in_use: '在用', handing_over: '交接中', lost: '已挂失', retired: '已收回停用' } as const;
export const HANDOVER_REASONS = { transfer: '调离', resignation: '辞职', reassignment: '岗位调整', other: '其他' } as const;
export const HANDOVER_STATUSES = { pending: '待双方确认', completed: '已完成', cancelled: '已撤销' } as const;
/** 管理员变动 (R4): filed upward to the superior office. */
export const ROSTER_CHANGES = { appointed: '新任', removed: '免去' } as const;
