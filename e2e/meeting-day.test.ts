import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { actInDialog, pickOption, startE2E, type E2E, loginAs as signIn, shot, apiAs, pickDateTime, shanghaiMinute } from './harness.ts';

/**
 * The four-hour day, as the issue tells it: the office creates a 工作推进会 with its notice and a collection
 * to 10 units; the units reply and submit (two of them late, one returned for a wrong figure and corrected);
 * the office exports the summary .xlsx, holds the meeting with sign-in (by code and by the clerk), writes the
 * minutes with two decisions, turns them into supervision items and opens the rendered 纪要.
 *
 * Three units work through the pages; the other seven reply and submit through the same HTTP API with
 * their own sessions, which keeps the run short without skipping any rule the pages rely on.
 */
const MEETING = '全县重点项目建设工作推进会';
const COLLECTION = '全县重点项目推进情况征集';
const FIELD_INVEST = '本月完成投资';
const FIELD_TABLE = '项目明细';
const COL_NAME = '项目名称';
const COL_INVEST = '完成投资';

/** The ten units invited and asked for figures, with their demo clerks. */
const UNITS = [
  { user: 'zuzhibu', name: '中共示例县委组织部' },
  { user: 'xuanchuanbu', name: '中共示例县委宣传部' },
  { user: 'zhengfawei', name: '中共示例县委政法委员会' },
  { user: 'fagaiju', name: '示例县发展和改革局' },
  { user: 'caizhengju', name: '示例县财政局' },
  { user: 'xinfangju', name: '示例县信访局' },
  { user: 'chengguan', name: '中共示例县城关镇委员会' },
  { user: 'hexi', name: '中共示例县河西镇委员会' },
  { user: 'qingshan', name: '中共示例县青山乡委员会' },
  { user: 'liulin', name: '中共示例县柳林乡委员会' },
] as const;

/** What each unit reports: 本月完成投资 and its project rows (万元). 财政局 first reports 1200 by mistake for 120. */
const FIGURES: Record<string, { invest: number; rows: [string, number][] }> = {
  zuzhibu: { invest: 0, rows: [] },
  xuanchuanbu: { invest: 35.5, rows: [['融媒体中心改造', 35.5]] },
  zhengfawei: { invest: 12, rows: [['综治中心提升', 12]] },
  fagaiju: { invest: 860, rows: [['物流园区一期', 600], ['县城停车场', 260]] },
  caizhengju: { invest: 120, rows: [['财政大楼节能改造', 120]] },
  xinfangju: { invest: 8.25, rows: [['信访接待大厅改造', 8.25]] },
  chengguan: { invest: 430, rows: [['老旧小区改造', 300], ['背街小巷整治', 130]] },
  hexi: { invest: 215, rows: [['人居环境整治', 215]] },
  qingshan: { invest: 96, rows: [['茶叶加工厂', 96]] },
  liulin: { invest: 54.75, rows: [['柳林渡口码头', 54.75]] },
};
const TOTAL_INVEST = Object.values(FIGURES).reduce((s, f) => s + f.invest, 0); // 1831.5

const MINUTE = 60_000;
const start = Date.now();
const roundUp = (ms: number, step: number) => Math.ceil(ms / step) * step;
const collectionDeadline = roundUp(start + 30 * MINUTE, MINUTE);
const replyDeadline = roundUp(start + 2 * 60 * MINUTE, 30 * MINUTE);
const meetingStart = roundUp(start + 4 * 60 * MINUTE, 30 * MINUTE);
const meetingEnd = meetingStart + 2 * 60 * MINUTE;

describe('办会 and 情况征集: the four-hour day (Chromium)', () => {
  let e2e: E2E;
  let meetingId = '';
  let collectionId = '';
  let fieldKeys: { invest: string; table: string; name: string; amount: string } = { invest: '', table: '', name: '', amount: '' };

  before(async () => {
    e2e = await startE2E();
  });
  after(async () => {
    await e2e?.close();
  });

  const loginAs = (username: string) => signIn(e2e, username, { width: 1440, height: 900 });



  function valuesOf(user: string, invest = FIGURES[user]!.invest) {
    return {
      [fieldKeys.invest]: invest,
      [fieldKeys.table]: FIGURES[user]!.rows.map(([n, a]) => ({ [fieldKeys.name]: n, [fieldKeys.amount]: a })),
    };
  }

  async function unitIdOf(page: Page, user: string): Promise<string> {
    const detail = (await apiAs(e2e, page, 'GET', `/api/collections/${collectionId}`)).body;
    const entry = detail.units.find((u: { unitName: string }) => u.unitName === UNITS.find((x) => x.user === user)!.name);
    assert.ok(entry, `${user}'s unit is among the collection's units`);
    return entry.unitId as string;
  }

  it('the office creates the 工作推进会 with its notice to 王建国 and 10 units, and sends it', async () => {
    const page = await loginAs('wenshu');
    await page.goto(`${e2e.baseUrl}/meetings/new`);
    await pickOption(page, page.getByTestId('meeting-type'), '工作推进会');
    await page.getByLabel('会议名称', { exact: true }).fill(MEETING);
    await pickOption(page, page.getByTestId('meeting-room'), '第一会议室');
    await pickDateTime(page, '开始时间', shanghaiMinute(meetingStart));
    await pickDateTime(page, '结束时间', shanghaiMinute(meetingEnd));
    await pickDateTime(page, '回执截止时间', shanghaiMinute(replyDeadline));
    await pickOption(page, page.getByTestId('meeting-host'), '王建国');
    await pickOption(page, page.getByTestId('meeting-leaders'), '王建国');
    for (const u of UNITS) await pickOption(page, page.getByTestId('meeting-units'), u.name);
    await page.getByLabel('会议通知', { exact: true }).fill('定于今日下午召开全县重点项目建设工作推进会，请各单位主要负责同志参加，并于会前报送本单位重点项目推进情况。');
    await shot(page, 'mt-01-create');
    await page.getByTestId('meeting-create-submit').click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/).catch(async (e: unknown) => {
      await shot(page, 'mt-failed-create');
      const errors = await page.locator('.ant-form-item-explain-error, .ant-message-error').allTextContents();
      throw new Error(`the meeting was not created: ${errors.join('；')}`, { cause: e });
    });
    meetingId = new URL(page.url()).pathname.split('/').pop()!;
    const stored = (await apiAs(e2e, page, 'GET', `/api/meetings/${meetingId}`)).body;
    assert.equal(stored.title, MEETING);
    assert.equal(stored.typeName, '工作推进会');
    assert.equal(stored.roomName, '第一会议室');
    assert.equal(Date.parse(stored.startsAt), meetingStart);
    assert.equal(Date.parse(stored.replyDeadline), replyDeadline);
    assert.equal(stored.attendees.length, 11);

    await actInDialog(page, { open: page.getByTestId('meeting-action-notify'), confirm: 'action-submit', name: 'mt-notify' });
    await page.getByTestId('meeting-state').filter({ hasText: '已通知' }).waitFor();
    await page.context().close();
  });

  it('the office designs the collection (a figure and a table of projects) and sends it to the same 10 units, linked to the meeting', async () => {
    const page = await loginAs('wenshu');
    await page.goto(`${e2e.baseUrl}/collections/new`);
    await page.getByLabel('标题', { exact: true }).fill(COLLECTION);
    await pickDateTime(page, '截止时间', shanghaiMinute(collectionDeadline));
    for (const u of UNITS) await pickOption(page, page.getByTestId('collection-units'), u.name);
    await pickOption(page, page.getByTestId('collection-meeting'), MEETING);

    // A new form starts with one number field.
    await page.getByTestId('field-label-0').fill(FIELD_INVEST);
    await page.getByTestId('field-unit-0').fill('万元');
    const required = page.getByTestId('field-required-0');
    if ((await required.getAttribute('aria-checked')) !== 'true') await required.click();

    await page.getByTestId('field-add-table').click();
    await page.getByTestId('field-label-1').fill(FIELD_TABLE);
    // A new table starts with one text column.
    await page.getByTestId('field-column-label-1-0').fill(COL_NAME);
    await page.getByTestId('field-column-add-1').click();
    await page.getByTestId('field-column-label-1-1').fill(COL_INVEST);
    await pickOption(page, page.getByTestId('field-column-type-1-1'), '数字');
    await page.getByTestId('field-column-unit-1-1').fill('万元');
    await shot(page, 'mt-02-collection-designer');

    await actInDialog(page, { open: page.getByTestId('collection-send'), confirm: 'action-submit', name: 'co-send' }).catch(async (e: unknown) => {
      await shot(page, 'mt-failed-collection-send');
      const errors = await page.locator('.ant-form-item-explain-error, [data-testid="collection-form-error"], [data-testid="field-designer-error"], [data-testid^="field-error-"]').allTextContents();
      throw new Error(`the collection was not sent: ${errors.join('；')}`, { cause: e });
    });
    await page.waitForURL(/\/collections\/[0-9a-f-]{36}$/);
    collectionId = new URL(page.url()).pathname.split('/').pop()!;
    const stored = (await apiAs(e2e, page, 'GET', `/api/collections/${collectionId}`)).body;
    assert.equal(stored.state, 'open');
    assert.equal(stored.meetingId, meetingId);
    assert.equal(stored.units.length, 10);
    assert.deepEqual(stored.fields.map((f: { label: string; type: string }) => [f.label, f.type]), [[FIELD_INVEST, 'number'], [FIELD_TABLE, 'table']]);
    const table = stored.fields[1];
    fieldKeys = { invest: stored.fields[0].key, table: table.key, name: table.columns[0].key, amount: table.columns[1].key };
    await page.getByTestId('collection-completion').filter({ hasText: '0 / 10' }).waitFor();
    await page.context().close();
  });

  it('河西镇 replies to the notice and fills the collection in the pages: a draft, a missing figure refused, then submitted', async () => {
    const page = await loginAs('hexi');
    await page.goto(`${e2e.baseUrl}/inbox`);
    await page.locator('tr', { hasText: MEETING }).filter({ hasText: '会议回执' }).first().getByText(MEETING).click();
    await page.waitForURL(/\/meetings\//);
    await page.getByTestId('reply-attending').click();
    await page.getByTestId('reply-names').fill('马超、刘镇长');
    await page.getByTestId('reply-submit').click();
    await page.getByTestId('attendee-row').and(page.locator('[data-name="中共示例县河西镇委员会"]')).filter({ hasText: '马超、刘镇长' }).waitFor();

    await page.goto(`${e2e.baseUrl}/inbox`);
    await page.locator('tr', { hasText: COLLECTION }).filter({ hasText: '填报' }).first().getByText(COLLECTION).click();
    await page.waitForURL(/\/collections\//);
    await page.getByTestId(`table-add-row-${fieldKeys.table}`).click();
    await page.getByTestId(`cell-${fieldKeys.table}-0-${fieldKeys.name}`).fill('人居环境整治');
    await page.getByTestId(`cell-${fieldKeys.table}-0-${fieldKeys.amount}`).fill('215');
    await page.getByTestId('fill-save-draft').click();
    await page.getByTestId('my-unit-state').filter({ hasText: '草稿' }).waitFor();

    // 本月完成投资 is required: submitting without it is refused and names the field.
    await actInDialog(page, { open: page.getByTestId('fill-submit'), confirm: 'action-submit', name: 'co-submit-empty' }).catch(() => undefined);
    await page.locator('.ant-form-item-explain-error', { hasText: FIELD_INVEST }).first().waitFor();
    await page.getByLabel(FIELD_INVEST).fill('215');
    await actInDialog(page, { open: page.getByTestId('fill-submit'), confirm: 'action-submit', name: 'co-submit' });
    await page.getByTestId('my-unit-state').filter({ hasText: '已报送' }).waitFor();
    await shot(page, 'mt-03-unit-submitted');
    await page.context().close();
  });

  it('seven more units reply and submit before the deadline; 财政局 reports a wrong figure; 柳林乡 asks leave', async () => {
    for (const u of UNITS.filter((x) => !['hexi', 'chengguan', 'xinfangju'].includes(x.user))) {
      const page = await loginAs(u.user);
      const meeting = (await apiAs(e2e, page, 'GET', `/api/meetings/${meetingId}`)).body;
      const attendeeId = meeting.myAttendeeIds[0];
      const reply =
        u.user === 'liulin'
          ? await apiAs(e2e, page, 'POST', `/api/meetings/${meetingId}/reply`, { attendeeId, reply: 'leave', leaveReason: '防汛值班' })
          : await apiAs(e2e, page, 'POST', `/api/meetings/${meetingId}/reply`, { attendeeId, reply: 'attending', attendeeNames: '主要负责同志' });
      assert.equal(reply.status, 200, `${u.user} replies: ${JSON.stringify(reply.body)}`);
      const unitId = await unitIdOf(page, u.user);
      const values = u.user === 'caizhengju' ? valuesOf(u.user, 1200) : valuesOf(u.user);
      const submitted = await apiAs(e2e, page, 'POST', `/api/collections/${collectionId}/units/${unitId}/submit`, { data: values });
      assert.equal(submitted.status, 200, `${u.user} submits: ${JSON.stringify(submitted.body)}`);
      assert.equal(submitted.body.late, false);
      await page.context().close();
    }
  });

  it('the office sees who has not replied or reported, reminds them; the deadline passes and two units report late', async () => {
    let page = await loginAs('wenshu');
    await page.goto(`${e2e.baseUrl}/meetings/${meetingId}`);
    const pending = (await apiAs(e2e, page, 'GET', `/api/meetings/${meetingId}`)).body.attendees.filter((a: { reply: string }) => a.reply === 'pending').map((a: { name: string }) => a.name).sort();
    assert.deepEqual(pending, ['中共示例县城关镇委员会', '王建国', '示例县信访局'].sort());
    await actInDialog(page, { open: page.getByTestId('meeting-action-remind'), confirm: 'action-submit', name: 'mt-remind' });
    await page.goto(`${e2e.baseUrl}/collections/${collectionId}`);
    await page.getByTestId('collection-completion').filter({ hasText: '8 / 10' }).waitFor();
    await actInDialog(page, { open: page.getByTestId('collection-remind'), confirm: 'action-submit', name: 'co-remind' });
    await page.context().close();

    // Forty minutes later: the collection's deadline has passed.
    e2e.advanceClock(40 * MINUTE);

    page = await loginAs('chengguan');
    await page.goto(`${e2e.baseUrl}/collections/${collectionId}`);
    await page.getByLabel(FIELD_INVEST).fill('430');
    for (const [i, [name, amount]] of FIGURES.chengguan!.rows.entries()) {
      await page.getByTestId(`table-add-row-${fieldKeys.table}`).click();
      await page.getByTestId(`cell-${fieldKeys.table}-${i}-${fieldKeys.name}`).fill(name);
      await page.getByTestId(`cell-${fieldKeys.table}-${i}-${fieldKeys.amount}`).fill(String(amount));
    }
    await actInDialog(page, { open: page.getByTestId('fill-submit'), confirm: 'action-submit', name: 'co-submit-late' });
    await page.getByTestId('my-unit-state').filter({ hasText: '已报送' }).waitFor();
    const meeting = (await apiAs(e2e, page, 'GET', `/api/meetings/${meetingId}`)).body;
    assert.equal((await apiAs(e2e, page, 'POST', `/api/meetings/${meetingId}/reply`, { attendeeId: meeting.myAttendeeIds[0], reply: 'attending', attendeeNames: '林海' })).status, 200);
    await page.context().close();

    page = await loginAs('xinfangju');
    const late = await apiAs(e2e, page, 'POST', `/api/collections/${collectionId}/units/${await unitIdOf(page, 'xinfangju')}/submit`, { data: valuesOf('xinfangju') });
    assert.equal(late.status, 200);
    assert.equal(late.body.late, true);
    await page.context().close();
  });

  it("the office returns 财政局's wrong figure; 财政局 corrects it in the page and resubmits", async () => {
    let page = await loginAs('wenshu');
    await page.goto(`${e2e.baseUrl}/collections/${collectionId}`);
    const row = page.getByTestId('collection-unit-row').and(page.locator('[data-unit="示例县财政局"]'));
    await actInDialog(page, {
      open: row.getByTestId('collection-return'),
      confirm: 'action-submit',
      name: 'co-return',
      fill: async (dialog) => dialog.locator('textarea').first().fill('本月完成投资应为120万元，请核实后重报。'),
    });
    await row.filter({ hasText: '已退回' }).waitFor();
    await page.context().close();

    page = await loginAs('caizhengju');
    await page.goto(`${e2e.baseUrl}/inbox`);
    await page.locator('tr', { hasText: COLLECTION }).filter({ hasText: '退回修改' }).first().getByText(COLLECTION).click();
    await page.getByText('本月完成投资应为120万元，请核实后重报。').first().waitFor();
    await page.getByLabel(FIELD_INVEST).fill('120');
    await actInDialog(page, { open: page.getByTestId('fill-submit'), confirm: 'action-submit', name: 'co-resubmit' });
    await page.getByTestId('my-unit-state').filter({ hasText: '已报送' }).waitFor();
    await page.context().close();
  });

  it('the office reads the summary (10 of 10, 2 late, the corrected total) and exports it as .xlsx', async () => {
    const page = await loginAs('wenshu');
    await page.goto(`${e2e.baseUrl}/collections/${collectionId}`);
    await page.getByTestId('collection-completion').filter({ hasText: '10 / 10' }).waitFor();
    assert.match((await page.getByTestId('collection-completion').textContent()) ?? '', /逾期\s*2/);
    const total = page.getByTestId('summary-total-row');
    await total.filter({ hasText: '1831.5' }).waitFor();
    await shot(page, 'mt-04-summary');

    const summary = (await apiAs(e2e, page, 'GET', `/api/collections/${collectionId}/summary?mode=unit`)).body;
    assert.equal(summary.totals[fieldKeys.invest].sum, TOTAL_INVEST);
    assert.equal(summary.rows.filter((r: { late: boolean }) => r.late).length, 2);

    const href = await page.getByTestId('collection-export').getAttribute('href');
    assert.ok(href, 'the export is a link');
    const res = await page.request.get(new URL(href, e2e.baseUrl).toString());
    assert.equal(res.status(), 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const text = (r: number) => (sheet.getRow(r).values as unknown[]).filter((v) => v !== undefined && v !== null).map(String);
    assert.match(text(1).join(''), new RegExp(COLLECTION));
    const names: string[] = [];
    let totalRow: string[] = [];
    sheet.eachRow((row, n) => {
      const cells = text(n);
      if (UNITS.some((u) => cells.includes(u.name))) names.push(cells.find((c) => UNITS.some((u) => u.name === c))!);
      if (cells.includes('合计')) totalRow = cells;
    });
    assert.deepEqual(names.sort(), UNITS.map((u) => u.name).sort());
    assert.ok(totalRow.includes(String(TOTAL_INVEST)), `the 合计 row carries ${TOTAL_INVEST}: ${totalRow.join(' | ')}`);
    await page.context().close();
  });

  it('the meeting is held: sign-in by the code on screen and by the clerk; the figures are among its materials', async () => {
    let page = await loginAs('wenshu');
    await page.goto(`${e2e.baseUrl}/meetings/${meetingId}`);
    await page.getByTestId('meeting-action-open-sign-in').click();
    const code = ((await page.getByTestId('sign-in-code').textContent()) ?? '').replace(/\D/g, '');
    assert.equal(code.length, 6);
    await shot(page, 'mt-05-sign-in-screen');
    await page.context().close();

    page = await loginAs('hexi');
    await page.goto(`${e2e.baseUrl}/meetings/${meetingId}`);
    await page.getByTestId('sign-in-code-input').fill(code);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('attendee-row').and(page.locator('[data-name="中共示例县河西镇委员会"]')).filter({ hasText: '已签到' }).waitFor();
    await page.context().close();

    page = await loginAs('wenshu');
    await page.goto(`${e2e.baseUrl}/meetings/${meetingId}`);
    const shuji = page.getByTestId('attendee-row').and(page.locator('[data-name="王建国"]'));
    await shuji.getByTestId('attendee-sign-in').click();
    await shuji.filter({ hasText: '已签到' }).waitFor();
    const detail = (await apiAs(e2e, page, 'GET', `/api/meetings/${meetingId}`)).body;
    assert.equal(detail.counts.signedIn, 2);
    assert.deepEqual(detail.collections.map((c: { id: string; submitted: number }) => [c.id, c.submitted]), [[collectionId, 10]]);
    const figures = await page.request.get(`${e2e.baseUrl}/api/meetings/${meetingId}/collections/${collectionId}/summary.xlsx`);
    assert.equal(figures.status(), 200);
    await actInDialog(page, { open: page.getByTestId('meeting-action-held'), confirm: 'action-submit', name: 'mt-held' });
    await page.getByTestId('meeting-state').filter({ hasText: '已召开' }).waitFor();
    await page.context().close();
  });

  it('the office writes the minutes with two decisions, turns them into supervision items and opens the rendered 纪要', async () => {
    const page = await loginAs('wenshu');
    await page.goto(`${e2e.baseUrl}/meetings/${meetingId}`);
    await page.getByRole('tab', { name: '纪要' }).click();
    await page.getByTestId('minutes-number').fill('第1期');
    await page.getByTestId('minutes-paragraph-0').fill('会议听取了各单位重点项目推进情况汇报，分析了存在的问题，研究部署了下一阶段工作。');
    await page.getByTestId('minutes-save').click();
    await page.getByText('纪要已保存').first().waitFor();

    const decisions = [
      { content: '县发改局牵头，加快物流园区一期用地报批，确保年底前开工。', unit: '示例县发展和改革局', deadline: '2026-12-31' },
      { content: '城关镇牵头，完成老旧小区改造剩余12个小区的资金测算并上报。', unit: '中共示例县城关镇委员会', deadline: '2026-12-20' },
    ];
    for (const [i, d] of decisions.entries()) {
      await page.getByTestId('decision-add').click();
      await page.getByTestId(`decision-content-${i}`).fill(d.content);
      await pickOption(page, page.getByTestId(`decision-lead-unit-${i}`), d.unit);
      const date = page.getByTestId(`decision-deadline-${i}`).locator('input').or(page.locator(`input[data-testid="decision-deadline-${i}"]`)).first();
      await date.click();
      await date.fill(d.deadline);
      await date.press('Enter');
    }
    await page.getByTestId('decisions-save').click();
    await page.getByText('议定事项已保存').first().waitFor();
    await actInDialog(page, { open: page.getByTestId('decisions-supervise'), confirm: 'action-submit', name: 'mt-supervise' });
    await page.getByTestId('decision-assignment-link').nth(1).waitFor();
    await shot(page, 'mt-06-minutes-and-decisions');

    const detail = (await apiAs(e2e, page, 'GET', `/api/meetings/${meetingId}`)).body;
    assert.equal(detail.decisions.length, 2);
    for (const [i, d] of detail.decisions.entries()) {
      assert.ok(d.assignmentId, `decision ${i + 1} became an item`);
      const item = (await apiAs(e2e, page, 'GET', `/api/assignments/${d.assignmentId}`)).body;
      assert.equal(item.sourceKind, 'meeting_minutes');
      assert.deepEqual(item.source.link, { type: 'meeting', id: meetingId });
      assert.equal(item.assigneeUnitName, decisions[i]!.unit);
      assert.equal(item.deadline, decisions[i]!.deadline);
    }

    const [print] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('minutes-print').click()]);
    await print.getByText('纪要').first().waitFor();
    const printed = (await print.locator('body').textContent()) ?? '';
    assert.match(printed, /第1期/);
    assert.match(printed, /物流园区一期用地报批/);
    assert.match(printed, /出席/);
    assert.match(printed, /请假/);
    assert.match(printed, /柳林乡（防汛值班）/);
    assert.match(printed, /县发改局主要负责同志/);
    assert.match(printed, /河西镇马超、河西镇刘镇长/);
    await shot(print, 'mt-07-rendered-minutes');
    const docx = await page.request.get(`${e2e.baseUrl}/api/meetings/${meetingId}/minutes.docx`);
    assert.equal(docx.status(), 200);
    assert.equal(docx.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    await page.context().close();
  });
});
