import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import { createCalendar, toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { actInDialog, pickDate, pickOption as pick, SCREENSHOTS, startE2E, type E2E, loginAs as signIn, shot, currentCount, inboxCount } from './harness.ts';

/**
 * 督查督办 end to end, as the issue tells it: the office enters three decisions of a 常委会 meeting (one
 * through the form, started on the meeting day 20 working days ago; two by pasting rows into 批量立项);
 * 县财政局 reports on schedule and stays green; 县发改局 reports far behind, its item turns red, a 催办单
 * is issued by itself and lands in its inbox; the office's board counts the new red item; the month's
 * 通报 lists 县发改局 and downloads as a .docx that LibreOffice can render.
 *
 * Real clock: every date is computed from today (Asia/Shanghai) with the product's own working-day calendar.
 */
const MEETING = '县委常委会会议纪要（第31次）';
const FORM_TITLE = '推进县域物流园区建设';
const IMPORT_FINANCE = '开展县级财政专项资金绩效评价';
const IMPORT_HEXI = '完成河西镇农村人居环境整治';
const DRC_FULL_NAME = '示例县发展和改革局';

const cal = createCalendar();
const today = toShanghaiDate(new Date());
/** The meeting was held 20 working days ago (counted as the demo seed counts its own meeting). */
const meetingDay = (() => {
  let d = today;
  for (let i = 0; i < 20; i++) d = cal.workdaysBefore(d, 1);
  return d;
})();
const formDeadline = cal.addWorkdays(today, 20).date;
const importDeadline = cal.addWorkdays(today, 30).date;
const monthStart = `${today.slice(0, 8)}01`;

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

describe('督查督办 end to end (Chromium)', () => {
  let e2e: E2E;
  let formItemPath = '';
  let redBefore = NaN;
  let docxFile = '';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-sv-e2e-'));

  const hasLibreOffice = onPath('libreoffice');
  before(async () => {
    if (!hasLibreOffice) console.warn('注意：libreoffice 不在 PATH 上，通报 .docx 只用 jszip 检查，不渲染为 PDF（该步骤记为 skipped）。');
    e2e = await startE2E();
  });
  after(async () => {
    await e2e?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const loginAs = (username: string) => signIn(e2e, username, { width: 1440, height: 900 });




  /** The number on one of the board's total cards. */
  async function boardTotal(page: Page, key: string): Promise<number> {
    await page.goto(`${e2e.baseUrl}/supervision`);
    const value = page.getByTestId(`sv-board-total-${key}`).locator('.sv-total-card-value');
    await value.waitFor();
    return Number((await value.textContent())?.trim());
  }

  /** Opens an action's modal by its button, lets `fill` fill it, confirms and waits for it to close. */
  async function act(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
    await actInDialog(page, { open: page.getByTestId(`action-${action}`), confirm: 'action-submit', name: `sv-${action}`, fill });
  }


  async function openFromInbox(page: Page, title: string, task: string | RegExp): Promise<void> {
    await page.goto(`${e2e.baseUrl}/inbox`);
    const row = page.locator('tr', { hasText: title }).filter({ hasText: task }).first();
    await row.getByText(title).click();
    await page.getByTestId('assignment-title').filter({ hasText: title }).waitFor();
  }

  const colour = (page: Page) => page.getByTestId('sv-colour').first();

  it('the office enters a meeting decision through the form, started on the meeting day', async () => {
    const page = await loginAs('ducha');
    // The demo's own red items are on the board already; this test counts from them.
    redBefore = await boardTotal(page, 'red');
    assert.ok(redBefore >= 1, 'the demo seeds one red item (城关镇)');

    await page.goto(`${e2e.baseUrl}/assignments/new`);
    await page.getByTestId('sv-title').fill(FORM_TITLE);
    await page.getByTestId('sv-instruction').fill('会议议定：由县发改局牵头，年内完成物流园区一期用地报批和主体工程建设。');
    await pick(page, page.getByTestId('sv-source-kind'), '会议议定事项');
    await page.getByTestId('sv-source-ref').fill(MEETING);
    await pickDate(page.locator('input[data-testid="sv-source-date"]'), meetingDay);
    await page.getByTestId('sv-level').getByText('重点', { exact: true }).click();
    await pick(page, page.getByTestId('sv-lead-unit'), DRC_FULL_NAME);
    await pick(page, page.getByTestId('sv-leader'), '李明');
    await pickDate(page.locator('input[data-testid="sv-start-date"]'), meetingDay);
    await page.getByTestId('sv-deadline-type').getByText('指定日期', { exact: true }).click();
    await pickDate(page.locator('input[data-testid="sv-deadline-date"]'), formDeadline);
    await page.getByTestId('sv-add-task').click();
    await page.getByTestId('sv-task-title-0').fill('物流园区一期工程');
    await page.getByTestId('sv-task-target-0').fill('100');
    await page.getByTestId('sv-dispatch').getByText('立即交办', { exact: true }).click();
    await shot(page, 'sv-01-create-form');
    await page.getByTestId('sv-submit').click();
    await page.waitForURL(/\/assignments\/[0-9a-f-]{36}$/).catch(async (e: unknown) => {
      await shot(page, 'sv-failed-create');
      const errors = await page.locator('.ant-form-item-explain-error').allTextContents();
      throw new Error(`the create form did not go through: ${errors.join('；')}`, { cause: e });
    });
    await page.getByTestId('assignment-title').filter({ hasText: FORM_TITLE }).waitFor();
    formItemPath = new URL(page.url()).pathname;
    // What the form sent, as the server stored it.
    const stored = (await (await page.request.get(`${e2e.baseUrl}/api${formItemPath}`)).json()) as Record<string, unknown> & { source: Record<string, unknown>; tasks: { target: number }[] };
    assert.equal(stored.startDate, meetingDay, '开始日期 is the meeting day');
    assert.equal(stored.deadline, formDeadline, '办理期限 is 20 working days from today');
    assert.equal(stored.sourceKind, 'meeting_minutes');
    assert.equal(stored.source.ref, MEETING);
    assert.equal(stored.leaderName, '李明');
    assert.equal(stored.assigneeUnitName, DRC_FULL_NAME);
    assert.deepEqual(stored.tasks.map((t) => t.target), [100]);
    assert.match((await page.getByTestId('assignment-state').textContent()) ?? '', /待签收/);
    // Nothing reported yet: the schedule is half gone, but the colour waits for the first report.
    assert.equal(await colour(page).getAttribute('data-colour'), 'green');
    await page.getByTestId('notice-dispatch').waitFor();
    await shot(page, 'sv-02-created-detail');
    await page.context().close();
  });

  it('the office enters two more decisions by pasting rows into 批量立项, dispatching them at once', async () => {
    const page = await loginAs('ducha');
    await page.goto(`${e2e.baseUrl}/supervision/import`);
    // 事项名称, 事项内容, 来源类别, 来源文件或会议, 重要程度, 牵头单位, 配合单位, 责任领导, 责任人, 完成标准, 办理期限, 反馈周期, 反馈日
    const rows = [
      [IMPORT_FINANCE, '对2026年县级财政专项资金开展绩效评价，形成评价报告。', '会议议定事项', MEETING, '一般', '县财政局', '', '李明', '', '评价报告经县政府常务会议审议', importDeadline, '一次', ''],
      [IMPORT_HEXI, '完成河西镇12个行政村的垃圾、污水治理和村容整治。', '会议议定事项', MEETING, '重点', '河西镇', '县财政局', '王建国', '', '12个村通过县级验收', importDeadline, '每月', '5'],
    ];
    await page.getByTestId('import-paste').fill(rows.map((r) => r.join('\t')).join('\n'));
    await page.getByTestId('import-paste-count').filter({ hasText: '已识别 2 件事项' }).waitFor();
    const toggle = page.getByTestId('import-dispatch');
    if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
    assert.equal(await toggle.getAttribute('aria-checked'), 'true', '立即交办 is on');
    await shot(page, 'sv-03-import-pasted');
    await page.getByTestId('import-submit').click();
    const success = page.getByTestId('import-success');
    await success.waitFor().catch(async (e: unknown) => {
      await shot(page, 'sv-failed-import');
      const errors = await page.getByTestId('import-errors').textContent().catch(() => null);
      throw new Error(`批量立项 did not succeed${errors ? `: ${errors.slice(0, 400)}` : ''}`, { cause: e });
    });
    assert.match((await success.textContent()) ?? '', /导入成功 2 项/);
    await shot(page, 'sv-04-import-success');
    await page.context().close();
  });

  it('县财政局 signs and reports on schedule: its item stays green', async () => {
    const page = await loginAs('caizhengju');
    const base = await currentCount(page);
    await openFromInbox(page, IMPORT_FINANCE, '签收');
    await act(page, 'sign');
    await page.getByTestId('assignment-state').filter({ hasText: '办理中' }).waitFor();
    await inboxCount(page, base);
    await act(page, 'report_progress', async (dialog) => {
      await dialog.getByTestId('action-comment').fill('已制定评价方案，完成30%的项目资料收集。');
      await dialog.getByTestId('progress-input').fill('30');
    });
    await page.getByTestId('feedback-entry').filter({ hasText: '已制定评价方案' }).waitFor();
    await page.getByTestId('sv-overview-progress').filter({ hasText: '30.0%' }).waitFor();
    assert.equal(await colour(page).getAttribute('data-colour'), 'green');
    await inboxCount(page, base);
    await shot(page, 'sv-05-finance-green');
    await page.context().close();
  });

  it('县发改局 reports 10 of 100 halfway through: the item turns red and a 催办单 reaches its inbox', async () => {
    const page = await loginAs('fagaiju');
    const base = await currentCount(page);
    await openFromInbox(page, FORM_TITLE, '签收');
    assert.equal(new URL(page.url()).pathname, formItemPath);
    await act(page, 'sign');
    await page.getByTestId('assignment-state').filter({ hasText: '办理中' }).waitFor();
    // 签收 done, 办理 opened: the count does not move.
    await inboxCount(page, base);
    assert.equal(await page.getByTestId('notice-chase').count(), 0, 'no 催办单 before the report');
    await act(page, 'report_progress', async (dialog) => {
      await dialog.getByTestId('action-comment').fill('用地报批材料已上报，一期工程尚在招标。');
      await dialog.getByTestId('figure-0').fill('10');
    });
    await page.getByTestId('feedback-entry').filter({ hasText: '用地报批材料已上报' }).waitFor();
    await page.locator('[data-testid="sv-colour"][data-colour="red"]').first().waitFor();
    assert.match((await page.getByTestId('sv-colour-reasons').textContent()) ?? '', /进度落后/);
    const chase = page.getByTestId('notice-chase');
    await chase.waitFor();
    assert.match((await chase.textContent()) ?? '', /催办单/);
    assert.match((await page.getByTestId('sv-escalations').textContent()) ?? '', /1 次/);
    // The 催办单 is a to-do of its own.
    await inboxCount(page, base + 1);
    await shot(page, 'sv-06-drc-red-with-chase');

    await page.goto(`${e2e.baseUrl}/inbox`);
    const todo = page.locator('tr', { hasText: FORM_TITLE }).filter({ hasText: '催办单' }).first();
    await todo.waitFor();
    await inboxCount(page, base + 1);
    await shot(page, 'sv-07-drc-inbox-chase');
    await page.context().close();
  });

  it("the office's board counts the new red item", async () => {
    const page = await loginAs('ducha');
    const red = await boardTotal(page, 'red');
    assert.equal(red, redBefore + 1, `红灯 on the board: ${redBefore} before, one more now`);
    await page.getByTestId('sv-attention').getByText(FORM_TITLE).first().waitFor();
    await shot(page, 'sv-08-board');
    await page.context().close();
  });

  it("the office generates this month's 通报 and downloads it as .docx", async () => {
    const page = await loginAs('ducha');
    await page.goto(`${e2e.baseUrl}/supervision/circulars`);
    await pickDate(page.locator('input[data-testid="circular-from"]'), monthStart);
    await pickDate(page.locator('input[data-testid="circular-to"]'), today);
    await shot(page, 'sv-09-circular-form');
    await page.getByTestId('circular-generate').click();
    await page.waitForURL(/\/supervision\/circulars\/[0-9a-f-]{36}$/);
    const row = page.getByTestId(`circular-unit-row-${DRC_FULL_NAME}`);
    await row.waitFor();
    await page.getByTestId('circular-overdue').getByText(FORM_TITLE).first().waitFor();
    await shot(page, 'sv-10-circular-detail');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('circular-docx').click()]);
    assert.equal(await download.failure(), null);
    docxFile = path.join(tmp, 'circular.docx');
    await download.saveAs(docxFile);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const zip = await JSZip.loadAsync(fs.readFileSync(docxFile));
    const xml = await zip.file('word/document.xml')?.async('string');
    assert.ok(xml, 'the .docx has word/document.xml');
    // Text as Word shows it: the runs' text joined, so a phrase split across runs still matches.
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    assert.ok(text.includes('督查督办事项办理情况的通报'), 'the 通报 title is in the document');
    assert.ok(text.includes(DRC_FULL_NAME), `${DRC_FULL_NAME} is in the document`);
    await page.context().close();
  });

  it('the 通报 renders to PDF with LibreOffice', { skip: hasLibreOffice ? false : 'libreoffice is not on PATH; the .docx was checked with jszip only' }, () => {
    assert.ok(docxFile && fs.existsSync(docxFile), 'the 通报 was downloaded by the previous step');
    const outDir = path.join(tmp, 'pdf');
    fs.mkdirSync(outDir);
    const profile = path.join(tmp, 'lo-profile');
    const r = spawnSync('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docxFile], {
      encoding: 'utf8',
      timeout: 180_000,
    });
    const pdf = path.join(outDir, 'circular.pdf');
    assert.ok(fs.existsSync(pdf), `LibreOffice made no PDF (status ${r.status}): ${r.stderr || r.stdout}`);
    assert.ok(fs.statSync(pdf).size > 0, 'the PDF is not empty');
    fs.copyFileSync(pdf, path.join(SCREENSHOTS, 'sv-11-circular.pdf'));
  });
});
