// The pictures of the manuals (docs/manual/*.md): which demo account opens which screen
// on which device. tests/integration/manual-browser.test.ts takes them from the demo
// district; `npm run manual` writes them to docs/manual/images, so they never go stale.

export type ShotDevice = 'desktop' | 'phone';

export interface ManualShot {
  /** The file in docs/manual/images, as the manual's Markdown names it. */
  image: string;
  /** The demo account (the part of its address before the @). */
  account: string;
  device: ShotDevice;
  /** The app's address to open. */
  path: string;
  /** What to click on that page first (its first match): a row or link to a record's own page. */
  follow?: string;
  /** Shown on the page once it is ready (text it must contain). */
  shows: string;
}

export const MANUAL_SHOTS: ManualShot[] = [
  { image: 'gridworker-home.jpg', account: 'grid-gridworker', device: 'phone', path: '/app/', shows: '每日必办' },
  { image: 'gridworker-report.jpg', account: 'grid-gridworker', device: 'phone', path: '/app/report', shows: '事件上报' },
  { image: 'gridworker-todos.jpg', account: 'grid-gridworker', device: 'phone', path: '/app/todos', shows: '待办' },
  { image: 'community-workbench.jpg', account: 'community-staff', device: 'desktop', path: '/app/', shows: '工作台' },
  {
    image: 'community-matter.jpg',
    account: 'community-staff',
    device: 'desktop',
    path: '/app/matters',
    follow: '.ant-table-tbody tr.ant-table-row:has-text("待受理"):has-text("求雨山社区")',
    shows: '流转记录',
  },
  { image: 'community-people.jpg', account: 'community-staff', device: 'desktop', path: '/app/data/people', shows: '姓名' },
  { image: 'community-disputes-phone.jpg', account: 'community-staff', device: 'phone', path: '/app/data/disputes', shows: '矛盾纠纷' },
  { image: 'street-matters.jpg', account: 'street-staff', device: 'desktop', path: '/app/matters', shows: '时限' },
  { image: 'street-sent.jpg', account: 'street-staff', device: 'desktop', path: '/app/office/sent', shows: '发文签收情况' },
  { image: 'street-exports.jpg', account: 'street-staff', device: 'desktop', path: '/app/exports', shows: '导出申请' },
  { image: 'district-assessment.jpg', account: 'district-staff', device: 'desktop', path: '/app/assessment', shows: '考评结果' },
  { image: 'district-warnings.jpg', account: 'district-staff', device: 'desktop', path: '/app/warnings', shows: '预警' },
  { image: 'leader-dashboard.jpg', account: 'district-leader', device: 'desktop', path: '/app/dashboard', shows: '研判看板' },
  { image: 'leader-map.jpg', account: 'district-leader', device: 'desktop', path: '/app/map', shows: '网格' },
  { image: 'department-matters.jpg', account: 'department-liaison', device: 'desktop', path: '/app/matters', shows: '事项' },
  { image: 'admin-users.jpg', account: 'district-sysadmin', device: 'desktop', path: '/app/users', shows: '用户' },
  { image: 'admin-units.jpg', account: 'district-sysadmin', device: 'desktop', path: '/app/units', shows: '江浦街道' },
  { image: 'admin-audit.jpg', account: 'district-sysadmin', device: 'desktop', path: '/app/audit', shows: '安全审计' },
];
