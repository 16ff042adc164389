// The office screens in a real browser (Debian's Chromium): 江浦街道 sends a notice
// to 求雨山社区; the community finds it on its workbench and in its sign-for inbox
// (with the late marker on an overdue one), signs for it with one click, replies
// with its material; the street's status page then shows it signed. A dispute's
// detail shows its course as a timeline. A special project's submission is made
// and seen the same way. Runs once, in the sqlite project (the browser suites are shared
// between the two projects to balance them).

import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { localDateOf } from '../../extensions/kernel/working-days.ts';
import { appBrowser, BROWSER_TESTS, DESKTOP, eventually, screenshot } from '../browser/chromium.ts';
import type { Session } from '../http.ts';
import { demoSessions, upload } from '../office-helpers.ts';

const run = inject('database') === 'sqlite';
const STAMP = Date.now().toString(36);
let admin: Session, street: Session, community: Session;
let ids: Map<string, number>;
/** A notice the street sends to the community; returns its id. */
async function send(title: string, fields: Record<string, unknown> = {}): Promise<number> {
  const draft = await street.post('/items/documents', {
    kind: 'notice',
    title,
    body: '请于本周内完成辖区矛盾纠纷排查，并报送排查情况。',
    ...fields,
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(200);
  const sent = await street.post(`/office/documents/${draft.body.data.id}/send`, { targets: { units: [ids.get('/320111/S01/C001/')] } });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return draft.body.data.id;
}

const receipt = async (doc: number) =>
  (await admin.get(`/items/document_recipients?filter[document][_eq]=${doc}&fields=status,reply_status,reply_text&limit=1`)).body.data[0];

/** Opens the recipient form by its button and names one unit (or none) in 指定单位, then confirms. */
async function chooseRecipients(page: Page, button: string, unit: string | null) {
  await page.getByTestId(button).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('targets-form').waitFor();
  if (unit) {
    const item = dialog.locator('.ant-form-item').filter({ has: page.locator('label[title="指定单位"]') });
    const chosen = item.locator('.ant-select-selection-item').filter({ hasText: unit });
    // Under load the dropdown may open late or its filtered tree be redrawn as it is clicked: open, search
    // and choose again (unless the unit already shows as chosen) until the unit shows as chosen.
    for (let attempt = 1; ; attempt++) {
      try {
        await item.locator('.ant-select-selector').click();
        const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
        await dropdown.waitFor({ timeout: 15_000 });
        await item.locator('input.ant-select-selection-search-input').fill(unit.slice(0, 3));
        await dropdown.locator('.ant-select-tree-title').getByText(unit, { exact: true }).click({ timeout: 15_000 });
        // Closes the dropdown without closing the dialog (Escape would close both).
        await dialog.locator('.ant-modal-title').click();
        await expect.poll(() => chosen.count(), { timeout: 5_000 }).toBe(1);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        if ((await chosen.count()) === 1) {
          await dialog.locator('.ant-modal-title').click();
          break;
        }
      }
    }
  }
  // A dropdown still closing would take the click meant for 确定 (seen once under load).
  await eventually(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
  await dialog.getByRole('button', { name: '确定' }).click();
  // With a unit chosen the dialog closes once the server has taken the choice (with none, it shows the refusal).
  if (unit) await eventually(() => dialog.isVisible()).toBe(false);
}

describe.runIf(run)('office screens in a browser', BROWSER_TESTS, () => {
  const app = appBrowser();
  const open = (email: string) => app.open(DESKTOP, email);
  beforeAll(async () => {
    ({ admin, ids, street, community } = await demoSessions());
  });

  it('lets the community sign for a document in its inbox and reply, and the street see it signed', async () => {
    const file = await upload(street, '排查表.txt', '排查表', 'text/plain');
    const title = `关于开展矛盾纠纷排查的通知 ${STAMP}`;
    const doc = await send(title, { reply_required: true, reply_within_days: 3, attachments: { create: [{ directus_files_id: file }] } });
    const overdueTitle = `防汛值班通知 ${STAMP}`;
    const overdue = await send(overdueTitle);
    expect((await admin.patch(`/items/documents/${overdue}`, { sign_due_at: new Date(Date.now() - 3_600_000).toISOString() })).status).toBe(
      200,
    );

    const page = await open('community-staff@pukou.gov.cn');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'office-workbench-desktop');
    // On the workbench, among the documents to sign for.
    await eventually(() => page.getByTestId('todo-documents').textContent()).toContain(title);

    await page.goto('/app/office/inbox');
    const row = page.getByTestId(`inbox-${doc}`);
    await eventually(() => row.getByTestId('receipt-status').textContent()).toBe('未读');
    expect(await row.textContent()).toContain('江浦街道');
    await eventually(() => page.getByTestId(`inbox-${overdue}`).getByTestId('receipt-status').textContent()).toBe('逾期未签收');
    await screenshot(page, 'office-inbox-desktop');

    await row.getByTestId('sign').click();
    await eventually(() => row.getByTestId('receipt-status').textContent()).toBe('已签收');
    expect(await receipt(doc)).toMatchObject({ status: 'signed', reply_status: 'pending' });

    // Open it: the text, the attachment, and the reply asked for.
    await row.getByRole('button', { name: title }).click();
    const drawer = page.getByTestId('document-drawer');
    await eventually(() => drawer.getByTestId('document-body').textContent()).toContain('矛盾纠纷排查');
    await eventually(() => drawer.getByTestId('attachments').textContent()).toContain('排查表');
    // Nothing to submit: the server's reason, in Chinese, and nothing stored.
    await drawer.getByTestId('reply-form').locator('button[type=submit]').click();
    await eventually(() => page.locator('.ant-message').textContent()).toContain('请填写报送内容或上传报送材料');
    expect((await receipt(doc)).reply_status).toBe('pending');
    await screenshot(page, 'office-inbox-reply-refused-desktop');
    await drawer.getByLabel('报送内容').fill('共排查纠纷3起，已化解2起。');
    await drawer.getByTestId('reply-form').locator('button[type=submit]').click();
    await eventually(async () => (await receipt(doc)).reply_status).toBe('submitted');
    expect((await receipt(doc)).reply_text).toBe('共排查纠纷3起，已化解2起。');

    const sender = await open('street-staff@pukou.gov.cn');
    await sender.goto(`/app/office/sent/${doc}`);
    await sender.waitForLoadState('networkidle');
    await screenshot(sender, 'office-sent-status-desktop');
    await eventually(() => sender.getByTestId('recipient-求雨山社区').getByTestId('recipient-status').textContent()).toBe('已签收');
    await eventually(() => sender.getByTestId('count-signed').textContent()).toContain('1');
    // The overdue one, as the sender sees it.
    await sender.goto(`/app/office/sent/${overdue}`);
    await eventually(() => sender.getByTestId('recipient-求雨山社区').getByTestId('recipient-status').textContent()).toBe('逾期未签收');

    // The recipient may not open the sender's page.
    await page.goto(`/app/office/sent/${doc}`);
    await eventually(() => page.getByTestId('status-error').textContent()).toContain('只有发文单位可以查看各单位的签收情况');
  });

  it('lets the community submit to a special project and the lead street see it submitted', async () => {
    const created = await street.post('/items/special_projects', {
      title: `平安小区创建专项 ${STAMP}`,
      description: '请报送创建台账。',
      due_on: localDateOf(new Date(Date.now() + 7 * 86_400_000)),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const project = created.body.data.id;

    // The lead street assigns the community on the status page; choosing nobody is refused on the page, nothing stored.
    const lead = await open('street-staff@pukou.gov.cn');
    await lead.goto(`/app/office/projects/${project}`);
    await chooseRecipients(lead, 'assign-units', null);
    await eventually(() => lead.getByRole('dialog').textContent()).toContain('请选择接收单位');
    expect((await admin.get(`/items/project_submissions?filter[project][_eq]=${project}&fields=id`)).body.data).toEqual([]);
    await lead.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await chooseRecipients(lead, 'assign-units', '求雨山社区');
    await eventually(() => lead.getByTestId('submission-求雨山社区').getByTestId('submission-status').textContent()).toBe('待报送');

    const page = await open('community-staff@pukou.gov.cn');
    await page.goto('/app/office/projects');
    const row = page.getByTestId(`asked-${project}`);
    await eventually(() => row.getByTestId('submission-status').textContent()).toBe('待报送');
    await row.getByTestId('submit').click();
    await page.getByRole('dialog').getByLabel('报送内容').fill('已完成3个小区的创建台账。');
    await page.getByRole('dialog').getByTestId('reply-form').locator('button[type=submit]').click();
    await eventually(() => row.getByTestId('submission-status').textContent()).toBe('已报送');
    expect((await admin.get(`/items/project_submissions?filter[project][_eq]=${project}&fields=status,text`)).body.data).toEqual([
      { status: 'submitted', text: '已完成3个小区的创建台账。' },
    ]);

    await lead.goto(`/app/office/projects/${project}`);
    await eventually(() => lead.getByTestId('submission-求雨山社区').getByTestId('submission-status').textContent()).toBe('已报送');
    await screenshot(lead, 'office-project-status-desktop');
  });

  it('lets the street send a draft from its sent page to a community it picks', async () => {
    const title = `冬季消防安全通知 ${STAMP}`;
    const draft = await street.post('/items/documents', { kind: 'notice', title, body: '请开展冬季消防安全检查。' });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    const page = await open('street-staff@pukou.gov.cn');
    await page.goto('/app/office/sent');
    await page.getByTestId(`draft-${draft.body.data.id}`).waitFor();
    await chooseRecipients(page, 'send-document', '求雨山社区');
    // It leaves the drafts and is listed once among the sent documents.
    await eventually(() => page.getByTestId(`draft-${draft.body.data.id}`).count()).toBe(0);
    await eventually(() => page.locator('.ant-table-row').filter({ hasText: title }).count()).toBe(1);
    const receipts = (await admin.get(`/items/document_recipients?filter[document][_eq]=${draft.body.data.id}&fields=unit.name,status`))
      .body.data;
    expect(receipts).toEqual([{ unit: { name: '求雨山社区' }, status: 'unread' }]);
    // The form sent a submission id made when it opened: a resend after a lost answer is done once.
    const sent = (await admin.get(`/items/documents/${draft.body.data.id}?fields=send_ref`)).body.data;
    expect(sent.send_ref).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows a dispute’s course as a timeline: intake, mediation, supervision, outcome, follow-up', async () => {
    const created = await community.post('/items/disputes', {
      title: `楼上漏水纠纷 ${STAMP}`,
      dispute_type: 'neighbourhood',
      risk_level: 'medium',
      parties: '张某、李某',
      description: '楼上卫生间漏水，双方多次争吵。',
      discovered_on: '2026-11-20',
      method: 'people',
      mediators: '社区人民调解委员会',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id = created.body.data.id;
    expect((await street.post(`/office/disputes/${id}/supervise`, { opinion: '请三日内调处到位' })).status).toBe(200);
    expect(
      (
        await community.patch(`/items/disputes/${id}`, {
          status: 'resolved',
          agreement: true,
          outcome: '楼上住户承担维修费用',
          follow_up: '一周后回访，双方无异议',
        })
      ).status,
    ).toBe(200);

    const page = await open('community-staff@pukou.gov.cn');
    await page.goto(`/app/data/disputes/show/${id}`);
    const timeline = page.getByTestId('dispute-timeline');
    await eventually(() => timeline.locator('[data-step]').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-step')))).toEqual([
      'intake',
      'mediation',
      'supervision',
      'outcome',
      'follow_up',
    ]);
    const text = await timeline.textContent();
    for (const words of [
      '排查登记',
      '风险等级：中',
      '调解方式：人民调解',
      '上级督办',
      '督办意见：请三日内调处到位',
      '已化解',
      '达成调解协议',
      '回访',
    ])
      expect(text).toContain(words);
    await screenshot(page, 'office-dispute-timeline-desktop');
    // The street that supervised reads its own name there; the community, which does not read its superiors' records, a plain 上级.
    expect(text).toContain('督办单位：上级综治办');
    const supervisor = await open('street-staff@pukou.gov.cn');
    await supervisor.goto(`/app/data/disputes/show/${id}`);
    await eventually(() => supervisor.getByTestId('dispute-timeline').textContent()).toContain('督办单位：江浦街道');
  });
});
