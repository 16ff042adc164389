// The district's rubric (浦口区综治信息系统考评办法 第六至十一条) as seed data: the
// six sections with their 100 points, every item with its points; computed where
// the system holds the records, manual where people judge. Written once, when the
// district has no rubric yet; administrators change it in Studio afterwards (and
// each street copies it for its communities).

import { createItem, readItems } from '@directus/sdk';
import type { AdminClient } from '../scripts/lib/directus.ts';

type Rule =
  | { rule_kind: 'manual' }
  | { rule_kind: 'at_least'; min: number; per: number; metric: string }
  | { rule_kind: 'per_occurrence' | 'per_missing'; per: number; metric: string }
  | { rule_kind: 'rate_at_least'; threshold: number; metric: string }
  | { rule_kind: 'rate_per_point'; target: number; per: number; metric: string };

interface SeedItem {
  code: string;
  name: string;
  full: number;
  cap?: number;
  rule: Rule;
  clause: string;
  evidence_required?: boolean;
}

const manual: Rule = { rule_kind: 'manual' };

export const DISTRICT_RUBRIC: { code: string; name: string; points: number; items: SeedItem[] }[] = [
  {
    code: '第六条',
    name: '基础建设',
    points: 14,
    items: [
      {
        code: '6.1',
        name: '建立保障体制',
        full: 2,
        rule: manual,
        clause: '加强组织领导，保障系统建设，1分；每一部PC或手机终端明确专人负责信息录入和日常维护，1分。',
      },
      {
        code: '6.2a',
        name: '参加上级平台培训',
        full: 1,
        rule: manual,
        clause: '积极参加上级统一组织的平台培训，1分。',
        evidence_required: true,
      },
      {
        code: '6.2b',
        name: '对社区开展集中培训',
        full: 1,
        rule: { rule_kind: 'at_least', min: 1, per: 1, metric: 'trainings' },
        clause: '加强对社区平台工作人员的集中培训和经常性指导，1分（本期组织培训不少于1次）。',
      },
      {
        code: '6.3',
        name: '开展高效应用',
        full: 2,
        rule: manual,
        clause: '各单位领导成员带头推动，1分；实现各层级信息传输、数据交换、资源共享电子化，1分。',
      },
      { code: '6.4', name: '建立督查考核制度', full: 3, rule: manual, clause: '明确辖区各社区平台工作责任，1分；强化检查考核，2分。' },
      {
        code: '6.5',
        name: '数据录入情况',
        full: 5,
        rule: manual,
        clause: '数据录入完整性、规范性、准确性、及时性，各1分；附件上传图文并茂，1分。',
      },
    ],
  },
  {
    code: '第七条',
    name: '基础信息',
    points: 16,
    items: [
      {
        code: '7.1',
        name: '综治机构和工作人员',
        full: 1,
        rule: manual,
        clause: '机构和工作人员信息录入完整，0.5分；机构简介规范、人员信息维护及时，0.5分。',
      },
      {
        code: '7.2',
        name: '群防群治组织',
        full: 1,
        rule: manual,
        clause: '专职巡防队伍、平安志愿者队伍配备到位，信息录入完整，活动记录真实。',
      },
      {
        code: '7.3a',
        name: '8类服务对象录入',
        full: 2,
        rule: { rule_kind: 'per_missing', per: 0.1, metric: 'service_categories_missing' },
        clause: '规范录入刑满释放、社区矫正等8类服务对象，少一个扣0.1分。',
      },
      {
        code: '7.3b',
        name: '建立帮教小组',
        full: 2,
        rule: { rule_kind: 'per_occurrence', per: 0.5, metric: 'assistance_groups_missing' },
        clause: '按要求建立帮教小组，无帮教组织一个扣0.5分。',
      },
      {
        code: '7.4',
        name: '治安设施及巡检',
        full: 1,
        rule: { rule_kind: 'per_occurrence', per: 0.1, metric: 'inspections_missed' },
        clause: '治安设施录入齐全，每月按时完成巡检，少一次扣0.1分。',
      },
      {
        code: '7.5',
        name: '网格化建设',
        full: 1,
        rule: { rule_kind: 'per_occurrence', per: 0.1, metric: 'grid_staff_missing' },
        clause: '网格科学划分，一长四员录入完整，少一个扣0.1分。',
      },
      {
        code: '7.6',
        name: '小区、社会单位、社会组织信息',
        full: 3,
        rule: { rule_kind: 'per_missing', per: 1, metric: 'registers_missing' },
        clause: '小区信息、社会单位、社会组织按要求录入准确、完整，各1分。',
      },
      { code: '7.7', name: '治安案件及时分析', full: 2, rule: manual, clause: '治安案件及时分析。' },
      {
        code: '7.8',
        name: '流动人口、出租房信息',
        full: 3,
        rule: manual,
        clause: '流动人口、出租房信息及时衔接、更新维护，信息要素齐全。',
      },
    ],
  },
  {
    code: '第八条',
    name: '日常办公',
    points: 12,
    items: [
      {
        code: '8.1',
        name: '工作活动记录',
        full: 5,
        rule: { rule_kind: 'at_least', min: 10, per: 0.5, metric: 'activity_records' },
        clause: '工作活动记录客观真实，每月不少于10条，少一条扣0.5分。',
      },
      {
        code: '8.2a',
        name: '公文网上流转、及时收文',
        full: 3,
        rule: { rule_kind: 'per_occurrence', per: 0.5, metric: 'late_receipts' },
        clause: '公文未在平台流转或超时收文每次扣0.5分，共3分。',
      },
      { code: '8.2b', name: '公文与专项工作关联、有附件', full: 2, rule: manual, clause: '与专项工作关联，1分；有附件上传，1分。' },
      { code: '8.3', name: '计划总结和经验交流', full: 2, rule: manual, clause: '计划总结上传及时规范，1分；经验得到交流推广，1分。' },
    ],
  },
  {
    code: '第九条',
    name: '业务工作',
    points: 28,
    items: [
      {
        code: '9.1a',
        name: '终端每个工作日登录',
        full: 2,
        // Each point of the login rate below 100% costs 0.2 (the rules give the 2 points, not the step).
        rule: { rule_kind: 'rate_per_point', target: 100, per: 0.2, metric: 'login_days_rate' },
        clause: 'PC和手机各终端信息员每个工作日登录系统，办理每日必办，2分。',
      },
      {
        code: '9.1b',
        name: '每日必办准确到位',
        full: 2,
        rule: { rule_kind: 'per_occurrence', per: 0.2, metric: 'daily_checks_missed' },
        clause: '每日必办准确到位，少一项扣0.2分，共2分。',
      },
      {
        code: '9.2',
        name: '巡逻线路和巡逻记录',
        full: 2,
        rule: { rule_kind: 'at_least', min: 1, per: 2, metric: 'patrol_records' },
        clause: '巡逻线路定义准确，0.5分；巡逻人员、时间明确，巡逻记录规范完整，1.5分（本期无巡逻记录不得分）。',
      },
      {
        code: '9.3a',
        name: '矛盾纠纷实时上报、受理分流',
        full: 2,
        rule: manual,
        clause: '各类矛盾纠纷实时上报，及时受理并上报、分流交办，2分。',
      },
      {
        code: '9.3b',
        name: '矛盾纠纷化解率',
        full: 2,
        rule: { rule_kind: 'rate_at_least', threshold: 95, metric: 'dispute_resolution' },
        clause: '及时排查上报并积极化解矛盾纠纷，化解率达95%以上，2分。',
      },
      {
        code: '9.3c',
        name: '交办督办事项化解落实、及时反馈',
        full: 2,
        rule: { rule_kind: 'per_occurrence', per: 1, metric: 'late_feedback' },
        clause: '上级流转交办、督办的矛盾纠纷落实责任人重点化解，结果按要求上传；上报与交办事项没有及时反馈的，每发现一次扣1分。',
      },
      {
        code: '9.4a',
        name: '服务对象按期走访',
        full: 2,
        rule: { rule_kind: 'per_occurrence', per: 0.2, metric: 'services_overdue' },
        clause: '服务对象、服务时间、服务内容三明确，确保对各类重点人员服务全覆盖，少一次扣0.2分，共2分。',
      },
      {
        code: '9.4b',
        name: '服务率',
        full: 2,
        rule: { rule_kind: 'rate_per_point', target: 100, per: 0.2, metric: 'service_rate' },
        clause: '及时完整录入平台，服务率达100%，低一个点扣0.2分，共2分。',
      },
      {
        code: '9.5a',
        name: '信访突出问题、群体性事件事前录入',
        full: 2,
        rule: { rule_kind: 'per_occurrence', per: 1, metric: 'incidents_entered_late' },
        clause: '及时发现、上报，2分；之前没有及时在系统录入、上报的，每发现一次扣1分。',
      },
      { code: '9.5b', name: '有效稳控化解', full: 2, rule: manual, clause: '有效稳控化解，处置措施明确，2分。' },
      {
        code: '9.6',
        name: '治安重点地区排查整治',
        full: 4,
        rule: { rule_kind: 'at_least', min: 1, per: 1, metric: 'rectification_campaigns' },
        clause: '组织排查整治并及时登记、处理、上报，明确整治措施，在平台记录整治信息，4分。',
      },
      {
        code: '9.7',
        name: '社会稳定风险评估',
        full: 2,
        rule: manual,
        clause: '对重大决策、重大项目、重大事项实行社会稳定风险评估，并及时规范录入信息系统。',
      },
      {
        code: '9.8',
        name: '专项工作按时完成',
        full: 2,
        rule: { rule_kind: 'per_occurrence', per: 1, metric: 'late_project_submissions' },
        clause: '社会组织活动及时动态录入；专项工作按时完成并上传。',
      },
    ],
  },
  {
    code: '第十条',
    name: '实战应用',
    points: 27,
    items: [
      {
        code: '10.1',
        name: '问题研判规范高效',
        full: 9,
        rule: manual,
        clause: '掌握涉稳情况2分；分析研判并预警报送2分；排查隐患苗头制定预案2分；可防性案件每月分析研判3分。',
      },
      {
        code: '10.2',
        name: '充分发挥系统作用',
        full: 6,
        rule: manual,
        clause: '整合资源、贯通三级平台2分；督查督办、限时办结2分；工作机制、流程规范2分。',
      },
      {
        code: '10.3',
        name: '抓好系统综合运用',
        full: 9,
        rule: manual,
        clause: '手机终端熟练运用3分；三级平台串联、数据共享3分；与大联勤指挥平台对接运用3分。',
      },
      {
        code: '10.4',
        name: '开展典型案例评比',
        full: 3,
        rule: manual,
        clause: '年度开展综治信息系统应用典型案例评比表彰活动。',
        evidence_required: true,
      },
    ],
  },
  {
    code: '第十一条',
    name: '安全保密',
    points: 3,
    items: [
      {
        code: '11.1',
        name: '终端丢失及时报告',
        full: 1,
        rule: { rule_kind: 'per_occurrence', per: 1, metric: 'late_loss_reports' },
        clause: '如有外泄和手机丢失情况应及时报告（24小时内），违反的扣1分。',
      },
      {
        code: '11.2',
        name: '与终端使用人签订安全保密协议',
        full: 1,
        rule: { rule_kind: 'per_occurrence', per: 1, metric: 'terminals_without_agreement' },
        clause: '与终端使用人签订安全保密协议，未签订的扣1分。',
      },
      {
        code: '11.3',
        name: '安全检查和信息提供审批',
        full: 1,
        rule: manual,
        clause: '强化日常安全检查，账号密码保密、防盗；向有关单位提供信息经上级综治办批准并登记。违反一项扣1分。',
      },
    ],
  },
];

/** The district's rubric for its streets (monthly), once. */
export async function seedDistrictRubric(client: AdminClient, ids: Map<string, number>): Promise<boolean> {
  const district = ids.get('/320111/');
  if (!district) return false;
  const existing = await client.request(readItems('assessment_rubrics', { filter: { unit: { _eq: district } }, fields: ['id'], limit: 1 }));
  if (existing.length) return false;
  const rubric = (await client.request(
    createItem('assessment_rubrics', {
      unit: district,
      title: '浦口区综治信息系统考评细则（街道）',
      assessed_level: 'street',
      period_type: 'month',
      version: 1,
      status: 'active',
      note: '依据《浦口区综治信息系统考评办法》第六至十一条，满分100分。',
    }),
  )) as { id: number };
  for (const [s, section] of DISTRICT_RUBRIC.entries()) {
    const created = (await client.request(
      createItem('assessment_sections', { rubric: rubric.id, code: section.code, name: section.name, points: section.points, sort: s + 1 }),
    )) as { id: number };
    for (const [i, item] of section.items.entries())
      await client.request(
        createItem('assessment_items', {
          section: created.id,
          code: item.code,
          name: item.name,
          clause: item.clause,
          full: item.full,
          cap: item.cap ?? null,
          evidence_required: item.evidence_required ?? false,
          sort: i + 1,
          ...item.rule,
        }),
      );
  }
  return true;
}
