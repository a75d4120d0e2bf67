import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { actInDialog, currentCount, inboxCount, pickDate, pickOption, shot, startE2E, type E2E, loginAs as signIn, apiAs, shanghaiMinute } from './harness.ts';

/**
 * 情况征集 beyond the four-hour day, through the pages: the office designs a form with every field type (a
 * single choice with one option refused on its card), saves it as a draft, reopens and sends it to three
 * townships; 河西镇 is refused a negative figure and three decimals with every error listed at once, then submits
 * everything with a file and two table rows (on a phone); 青山乡 keeps a draft; the office reminds, follows
 * completion, closes (柳林乡 refused), reopens (柳林乡 submits), reads the summary by unit and by table row and
 * exports it. The API is used only to read back exact outcomes.
 */
const TITLE = '关于报送冬春农田水利建设进展情况的通知';
const UNITS = { hexi: '中共示例县河西镇委员会', qingshan: '中共示例县青山乡委员会', liulin: '中共示例县柳林乡委员会' } as const;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 375, height: 740 };

/** The form as designed, in card order; keys come from the position (f1…f7, columns c1, c2). */
const F = { invest: '完成投资', note: '进展说明', start: '开工日期', status: '建设状态', areas: '涉及领域', proof: '佐证材料', table: '项目明细', name: '项目名称', amount: '金额' };
const STATUS_OPTIONS = ['已完工', '在建', '未开工'];
const AREA_OPTIONS = ['灌溉', '防洪', '饮水'];
/** What the server stores for that design (defaults written in: 最多行数 200, a number column's 小数位数 2). */
const STORED_FIELDS = [
  { key: 'f1', label: F.invest, type: 'number', decimals: 2, min: 0, unit: '万元' },
  { key: 'f2', label: F.note, type: 'text', required: true, maxLength: 50 },
  { key: 'f3', label: F.start, type: 'date' },
  { key: 'f4', label: F.status, type: 'single', required: true, options: STATUS_OPTIONS },
  { key: 'f5', label: F.areas, type: 'multiple', options: AREA_OPTIONS, minChoices: 1 },
  { key: 'f6', label: F.proof, type: 'file' },
  {
    key: 'f7',
    label: F.table,
    type: 'table',
    columns: [
      { key: 'c1', label: F.name, type: 'text', maxLength: 2000 },
      { key: 'c2', label: F.amount, type: 'number', decimals: 2, unit: '万元' },
    ],
    maxRows: 200,
  },
];

const HEXI_NOTE = '渠道清淤已完成七成，泵站维修进入调试。';
const LIULIN_NOTE = '堤防加固全部完工。';
const PROOF_NAME = '河西镇佐证材料.txt';
const PROOF_BYTES = Buffer.from('河西镇冬修水利佐证材料\n渠道清淤 8.25 万元；泵站维修 4.06 万元。\n', 'utf8');
/** 完成投资 12.5 + 30 = 42.5; the table rows 8.25 + 4.06 + 27.8 = 40.11 (12.31 for 河西镇). */
const HEXI_ROWS: [string, number][] = [['河西渠道清淤', 8.25], ['河西泵站维修', 4.06]];
const LIULIN_ROWS: [string, number][] = [['柳林堤防加固', 27.8]];

const MINUTE = 60_000;
/** Shanghai wall-clock text "YYYY-MM-DD HH:mm" of an instant, as the pickers take it. */
const deadline = Math.ceil((Date.now() + 3 * 60 * MINUTE) / MINUTE) * MINUTE;

describe('情况征集: every field type, validation, draft, reminders, close and reopen, the summary (Chromium)', () => {
  let e2e: E2E;
  let collectionId = '';
  const unitIds: Record<string, string> = {};
  /** Pages kept open from one step to the next, as the people would keep them. */
  let office: Page;
  let hexi: Page;
  let qingshan: Page;
  let liulin: Page;
  let qingshanTodosBefore = 0;

  before(async () => {
    e2e = await startE2E();
  });
  after(async () => {
    await e2e?.close();
  });

  const loginAs = (username: string, viewport = DESKTOP) => signIn(e2e, username, viewport);

  /**
   * One step of the story. Each builds on the one before, so once a step has failed the later ones fail at once
   * (naming it) instead of each waiting out its timeouts on a page that never got there.
   */
  let failedStep: string | null = null;
  function step(name: string, fn: () => Promise<void>): void {
    it(name, async () => {
      if (failedStep) assert.fail(`not run: the earlier step "${failedStep}" failed`);
      try {
        await fn();
      } catch (error) {
        failedStep = name;
        throw error;
      }
    });
  }


  async function entryOf(page: Page, unit: keyof typeof UNITS) {
    const res = await apiAs(e2e, page, 'GET', `/api/collections/${collectionId}/units/${unitIds[unit]}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  }

  /** No horizontal page scroll: the page fits the phone's width. */
  async function fitsWidth(page: Page, what: string): Promise<void> {
    const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scrollWidth <= innerWidth, `${what}: the page scrolls sideways (${scrollWidth} px wide in a ${innerWidth} px window)`);
  }

  /** The texts of a table row's cells. */
  const cellTexts = async (row: ReturnType<Page['getByTestId']>) => (await row.locator('td').allTextContents()).map((t) => t.trim());

  /** Fills one row of the 项目明细 table (adding it first). */
  async function addTableRow(page: Page, index: number, [name, amount]: [string, number]): Promise<void> {
    await page.getByTestId('table-add-row-f7').click();
    await page.getByTestId(`cell-f7-${index}-c1`).fill(name);
    await page.getByTestId(`cell-f7-${index}-c2`).fill(String(amount));
  }

  step('the office designs a form with every field type; a single choice with one option is refused on its card; saved as a draft', async () => {
    office = await loginAs('wenshu');
    await office.goto(`${e2e.baseUrl}/collections/new`);
    await office.getByTestId('collection-title').fill(TITLE);
    await office.getByTestId('collection-description').fill('请于截止时间前报送；金额以万元计，保留两位小数。');
    for (const name of Object.values(UNITS)) await pickOption(office, office.getByTestId('collection-units'), name);

    // A new form starts with one number field.
    assert.equal(await office.getByTestId('field-card-0').getAttribute('data-type'), 'number');
    await office.getByTestId('field-label-0').fill(F.invest);
    await office.getByTestId('field-unit-0').fill('万元');
    await office.getByTestId('field-min-0').fill('0');
    await office.getByTestId('field-decimals-0').fill('2');

    await office.getByTestId('field-add-text').click();
    await office.getByTestId('field-label-1').fill(F.note);
    await office.getByTestId('field-required-1').click();
    await office.getByTestId('field-max-length-1').fill('50');

    await office.getByTestId('field-add-date').click();
    await office.getByTestId('field-label-2').fill(F.start);

    await office.getByTestId('field-add-single').click();
    await office.getByTestId('field-label-3').fill(F.status);
    await office.getByTestId('field-required-3').click();
    await office.getByTestId('field-options-3').fill(STATUS_OPTIONS[0]!);

    await office.getByTestId('field-add-multiple').click();
    await office.getByTestId('field-label-4').fill(F.areas);
    await office.getByTestId('field-options-4').fill(AREA_OPTIONS.join('\n'));
    await office.getByTestId('field-min-choices-4').fill('1');

    await office.getByTestId('field-add-file').click();
    await office.getByTestId('field-label-5').fill(F.proof);

    // A new table starts with one text column.
    await office.getByTestId('field-add-table').click();
    await office.getByTestId('field-label-6').fill(F.table);
    await office.getByTestId('field-column-label-6-0').fill(F.name);
    await office.getByTestId('field-column-add-6').click();
    await office.getByTestId('field-column-label-6-1').fill(F.amount);
    await pickOption(office, office.getByTestId('field-column-type-6-1'), '数字');
    await office.getByTestId('field-column-unit-6-1').fill('万元');
    assert.deepEqual(
      await Promise.all([0, 1, 2, 3, 4, 5, 6].map((i) => office.getByTestId(`field-card-${i}`).getAttribute('data-type'))),
      ['number', 'text', 'date', 'single', 'multiple', 'file', 'table'],
    );

    // One option is not a choice: refused on that card, and on no other; nothing is saved.
    await office.getByTestId('collection-save').click();
    const cardError = office.getByTestId('field-card-3').locator('.cl-cell-error');
    await cardError.waitFor();
    assert.equal(await cardError.textContent(), '选项：至少两个且不能重复');
    assert.equal(await office.locator('[data-testid^="field-card-"] .cl-cell-error').count(), 1);
    await shot(office, 'cf-01-single-choice-refused');
    assert.match(office.url(), /\/collections\/new$/);
    assert.equal((await apiAs(e2e, office, 'GET', `/api/collections?q=${encodeURIComponent(TITLE)}`)).body.total, 0);

    await office.getByTestId('field-options-3').fill(STATUS_OPTIONS.join('\n'));
    assert.equal(await office.locator('[data-testid^="field-card-"] .cl-cell-error').count(), 0);
    await office.getByTestId('collection-save').click();
    await office.waitForURL(/\/collections\/[0-9a-f-]{36}\/edit$/);
    collectionId = office.url().split('/').at(-2)!;
    const stored = (await apiAs(e2e, office, 'GET', `/api/collections/${collectionId}`)).body;
    assert.equal(stored.state, 'draft');
    assert.equal(stored.title, TITLE);
    assert.equal(stored.deadline, null);
    assert.deepEqual(stored.fields, STORED_FIELDS);
    assert.deepEqual(stored.units.map((u: { unitName: string }) => u.unitName), Object.values(UNITS));
    for (const u of stored.units as { unitId: string; unitName: string }[]) unitIds[(Object.keys(UNITS) as (keyof typeof UNITS)[]).find((k) => UNITS[k] === u.unitName)!] = u.unitId;
  });

  step('the office reopens the draft at /collections/:id/edit and sends it to the three townships with a deadline', async () => {
    await office.goto(`${e2e.baseUrl}/collections/${collectionId}/edit`);
    await office.getByTestId('field-card-6').waitFor();
    assert.equal(await office.getByTestId('collection-title').inputValue(), TITLE);
    assert.deepEqual(
      await Promise.all([0, 1, 2, 3, 4, 5, 6].map((i) => office.getByTestId(`field-label-${i}`).inputValue())),
      [F.invest, F.note, F.start, F.status, F.areas, F.proof, F.table],
    );
    assert.equal(await office.getByTestId('field-options-3').inputValue(), STATUS_OPTIONS.join('\n'));
    assert.equal(await office.getByTestId('field-max-length-1').inputValue(), '50');
    assert.equal(await office.getByTestId('field-min-0').inputValue(), '0');
    assert.equal(await office.getByTestId('field-unit-0').inputValue(), '万元');
    assert.equal(await office.getByTestId('field-column-label-6-1').inputValue(), F.amount);
    assert.equal(await office.getByTestId('field-column-unit-6-1').inputValue(), '万元');

    const input = office.getByLabel('截止时间', { exact: true });
    for (let attempt = 1; ; attempt++) {
      await input.click();
      await input.fill(shanghaiMinute(deadline));
      await input.press('Enter');
      await office.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' }).catch(() => office.keyboard.press('Escape'));
      if ((await input.inputValue()) === shanghaiMinute(deadline)) break;
      if (attempt === 3) assert.fail(`截止时间 shows "${await input.inputValue()}"`);
    }
    await shot(office, 'cf-02-designer-reopened');
    await actInDialog(office, {
      open: office.getByTestId('collection-send'),
      confirm: 'action-submit',
      name: 'cf-send',
      fill: async (dialog) => {
        assert.match((await dialog.getByTestId('send-confirm').textContent()) ?? '', new RegExp(`将向 3 个单位发出“${TITLE}”，截止时间 ${shanghaiMinute(deadline)}`));
      },
    });
    await office.waitForURL(new RegExp(`/collections/${collectionId}$`));
    await office.getByTestId('collection-completion').filter({ hasText: '已报送 0 / 3' }).waitFor();
    const sent = (await apiAs(e2e, office, 'GET', `/api/collections/${collectionId}`)).body;
    assert.equal(sent.state, 'open');
    assert.equal(Date.parse(sent.deadline), deadline);
    assert.deepEqual(sent.fields, STORED_FIELDS);
  });

  step('河西镇: a negative figure and three decimals are refused beside the field, every error listed at once, nothing stored', async () => {
    hexi = await loginAs('hexi');
    await hexi.goto(`${e2e.baseUrl}/inbox`);
    await hexi.locator('tr', { hasText: TITLE }).filter({ hasText: '填报' }).first().getByText(TITLE).click();
    await hexi.waitForURL(new RegExp(`/collections/${collectionId}$`));
    await hexi.locator('[data-testid="my-unit-state"][data-state="pending"]').waitFor();
    // The designer's 最大长度 reaches the unit's input.
    assert.equal(await hexi.getByTestId('fill-f2').getAttribute('maxlength'), '50');

    // A draft first: the figure and one table row.
    await hexi.getByTestId('fill-f1').fill('5');
    await addTableRow(hexi, 0, HEXI_ROWS[0]!);
    await hexi.getByTestId('fill-save-draft').click();
    await hexi.locator('[data-testid="my-unit-state"][data-state="draft"]').waitFor();
    const draft = await entryOf(hexi, 'hexi');
    const draftData = { f1: 5, f2: null, f3: null, f4: null, f5: null, f6: null, f7: [{ c1: HEXI_ROWS[0]![0], c2: HEXI_ROWS[0]![1] }] };
    assert.equal(draft.state, 'draft');
    assert.deepEqual(draft.data, draftData);

    const errorsAt = async () => (await hexi.getByTestId('fill-errors').locator('li').allTextContents()).map((t) => t.trim());
    const besideInvest = hexi.getByTestId('fill-item-f1').locator('.ant-form-item-explain-error');
    const others = ['进展说明：不能为空', '建设状态：不能为空', '涉及领域：至少选择1项'];

    await hexi.getByTestId('fill-f1').fill('-5');
    await hexi.getByTestId('fill-submit').click();
    await hexi.getByTestId('fill-errors').waitFor();
    await besideInvest.filter({ hasText: '完成投资（万元）：不能小于0' }).waitFor();
    assert.deepEqual(await errorsAt(), ['完成投资（万元）：不能小于0', ...others]);
    assert.equal((await hexi.getByTestId('fill-errors').locator('.ant-alert-title, .ant-alert-message').first().textContent())?.trim(), '有 4 处需要修改');
    assert.equal(await hexi.getByTestId('fill-item-f2').locator('.ant-form-item-explain-error').textContent(), '进展说明：不能为空');

    await hexi.getByTestId('fill-f1').fill('12.345');
    await hexi.getByTestId('fill-submit').click();
    await besideInvest.filter({ hasText: '完成投资（万元）：最多保留2位小数' }).waitFor();
    assert.deepEqual(await errorsAt(), ['完成投资（万元）：最多保留2位小数', ...others]);
    await shot(hexi, 'cf-03-fill-errors');

    // Nothing was stored: the draft is as it was saved.
    const after = await entryOf(hexi, 'hexi');
    assert.equal(after.state, 'draft');
    assert.equal(after.savedAt, draft.savedAt);
    assert.equal(after.submittedAt, null);
    assert.deepEqual(after.data, draftData);
  });

  step('河西镇 fills every field on a phone, uploads its file and two table rows, and submits; the page never scrolls sideways', async () => {
    await hexi.setViewportSize(PHONE);
    await hexi.waitForFunction(() => window.innerWidth === 375);
    await hexi.getByTestId('fill-errors').waitFor();
    await fitsWidth(hexi, '河西镇 filling, errors shown');

    await hexi.getByTestId('fill-f1').fill('12.5');
    await hexi.getByTestId('fill-f2').fill(HEXI_NOTE);
    await pickDate(hexi.getByTestId('fill-f3'), '2026-12-01');
    await hexi.getByTestId('fill-item-f4').getByText('在建', { exact: true }).click();
    await hexi.getByTestId('fill-item-f5').getByText('灌溉', { exact: true }).click();
    await hexi.getByTestId('fill-item-f5').getByText('饮水', { exact: true }).click();
    await hexi.getByTestId('fill-item-f6').locator('input[type=file]').setInputFiles({ name: PROOF_NAME, mimeType: 'text/plain', buffer: PROOF_BYTES });
    await hexi.getByTestId('fill-f6-name').filter({ hasText: PROOF_NAME }).waitFor();
    await addTableRow(hexi, 1, HEXI_ROWS[1]!);
    // The corrected inputs dropped out of the list.
    await hexi.getByTestId('fill-errors').waitFor({ state: 'hidden' });
    await shot(hexi, 'cf-04-hexi-phone-filled');
    await fitsWidth(hexi, '河西镇 filling, every field filled');

    await actInDialog(hexi, { open: hexi.getByTestId('fill-submit'), confirm: 'action-submit', name: 'cf-hexi-submit' });
    await hexi.locator('[data-testid="my-unit-state"][data-state="submitted"]').waitFor();
    await hexi.getByTestId('fill-submitted').waitFor();
    await fitsWidth(hexi, '河西镇 after submitting');

    const entry = await entryOf(hexi, 'hexi');
    assert.equal(entry.state, 'submitted');
    assert.equal(entry.late, false);
    assert.equal(typeof entry.data.f6?.fileId, 'string');
    assert.deepEqual(entry.data, {
      f1: 12.5,
      f2: HEXI_NOTE,
      f3: '2026-12-01',
      f4: '在建',
      f5: ['灌溉', '饮水'],
      f6: { fileId: entry.data.f6.fileId, name: PROOF_NAME },
      f7: HEXI_ROWS.map(([c1, c2]) => ({ c1, c2 })),
    });
  });

  step('the office opens 河西镇’s submission in the drawer and downloads its file through the link (200, the same bytes)', async () => {
    await office.reload();
    const row = office.getByTestId('collection-unit-row').and(office.locator(`[data-unit="${UNITS.hexi}"]`));
    await row.filter({ hasText: '已报送' }).waitFor();
    await row.getByTestId('collection-view').click();
    const drawer = office.getByTestId('submission-drawer');
    await drawer.getByTestId('view-f7').waitFor();
    const view = async (key: string) => ((await drawer.getByTestId(`view-${key}`).textContent()) ?? '').trim();
    assert.equal(await view('f1'), '12.5 万元');
    assert.equal(await view('f2'), HEXI_NOTE);
    assert.equal(await view('f3'), '2026-12-01');
    assert.equal(await view('f4'), '在建');
    assert.equal(await view('f5'), '灌溉、饮水');
    const tableRows = await drawer.getByTestId('view-f7').locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    assert.deepEqual(tableRows, HEXI_ROWS.map(([n, a], i) => [String(i + 1), n, String(a)]));

    const link = drawer.getByTestId('view-file-f6');
    assert.equal((await link.textContent())?.trim(), PROOF_NAME);
    await shot(office, 'cf-05-submission-drawer');
    const [download] = await Promise.all([office.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), PROOF_NAME);
    assert.deepEqual(fs.readFileSync((await download.path())!), PROOF_BYTES);
    const href = await link.getAttribute('href');
    const res = await office.request.get(new URL(href!, e2e.baseUrl).toString());
    assert.equal(res.status(), 200);
    assert.deepEqual(await res.body(), PROOF_BYTES);

    await office.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  step('青山乡 saves a draft only; the office sees 已报送 1 / 3 and 草稿 1, and 催报 reaches the two not submitted', async () => {
    qingshan = await loginAs('qingshan');
    await qingshan.goto(`${e2e.baseUrl}/collections/${collectionId}`);
    await qingshan.locator('[data-testid="my-unit-state"][data-state="pending"]').waitFor();
    await qingshan.getByTestId('fill-f1').fill('7');
    await qingshan.getByTestId('fill-f2').fill('正在组织施工队伍。');
    await qingshan.getByTestId('fill-save-draft').click();
    await qingshan.locator('[data-testid="my-unit-state"][data-state="draft"]').waitFor();
    const draft = await entryOf(qingshan, 'qingshan');
    assert.equal(draft.state, 'draft');
    assert.deepEqual(draft.data, { f1: 7, f2: '正在组织施工队伍。', f3: null, f4: null, f5: null, f6: null, f7: null });
    qingshanTodosBefore = await currentCount(qingshan);

    await office.reload();
    const completion = office.getByTestId('collection-completion');
    await completion.filter({ hasText: '已报送 1 / 3' }).waitFor();
    assert.equal((await completion.textContent())?.trim(), '已报送 1 / 3，逾期 0，退回 0');
    assert.equal((await office.locator('.cl-completion > .zs-cell-sub').textContent())?.trim(), '未填报 1 · 草稿 1 · 已退回 0 · 已报送 1');
    const detail = (await apiAs(e2e, office, 'GET', `/api/collections/${collectionId}`)).body;
    assert.deepEqual(detail.completion, { total: 3, submitted: 1, draft: 1, pending: 1, returned: 0, late: 0 });

    const remindButton = office.getByTestId('collection-remind');
    assert.equal((await remindButton.textContent())?.replace(/\s/g, ''), '催报（2）');
    await actInDialog(office, {
      open: remindButton,
      confirm: 'action-submit',
      name: 'cf-remind',
      fill: async (dialog) => {
        const text = (await dialog.textContent()) ?? '';
        assert.match(text, /催报2个未报送单位？/);
        assert.match(text, new RegExp(`${UNITS.qingshan}、${UNITS.liulin}的填报人员将收到“催报”待办`));
      },
    });
    const remindCell = (unit: keyof typeof UNITS) => office.getByTestId('collection-unit-row').and(office.locator(`[data-unit="${UNITS[unit]}"]`)).locator('td').nth(4);
    await remindCell('qingshan').filter({ hasText: '1次' }).waitFor();
    assert.equal((await remindCell('liulin').textContent())?.trim(), '1次');
    assert.equal((await remindCell('hexi').textContent())?.trim(), '—');
    await shot(office, 'cf-06-reminded');
    const reminded = (await apiAs(e2e, office, 'GET', `/api/collections/${collectionId}`)).body;
    assert.deepEqual(
      reminded.units.map((u: { unitName: string; remindedCount: number }) => [u.unitName, u.remindedCount]),
      [[UNITS.hexi, 0], [UNITS.qingshan, 1], [UNITS.liulin, 1]],
    );

    // 青山乡's inbox: one more to-do, the 催报 beside the 填报.
    await qingshan.reload();
    await inboxCount(qingshan, qingshanTodosBefore + 1);
    await qingshan.goto(`${e2e.baseUrl}/inbox`);
    await qingshan.locator('tr', { hasText: TITLE }).filter({ hasText: '催报' }).first().waitFor();
    const todos = (await apiAs(e2e, qingshan, 'GET', '/api/inbox?box=todo')).body.items.filter((i: { entityId: string }) => i.entityId === collectionId);
    assert.deepEqual(todos.map((i: { task: string }) => i.task).sort(), ['催报', '填报']);
  });

  step('the office closes the collection: 柳林乡 is refused with COLLECTION_CLOSED on the page; reopened, 柳林乡 submits', async () => {
    liulin = await loginAs('liulin');
    await liulin.goto(`${e2e.baseUrl}/collections/${collectionId}`);
    await liulin.locator('[data-testid="my-unit-state"][data-state="pending"]').waitFor();
    async function fillLiulin() {
      await liulin.getByTestId('fill-f1').fill('30');
      await liulin.getByTestId('fill-f2').fill(LIULIN_NOTE);
      await liulin.getByTestId('fill-item-f4').getByText('已完工', { exact: true }).click();
      await liulin.getByTestId('fill-item-f5').getByText('防洪', { exact: true }).click();
      await addTableRow(liulin, 0, LIULIN_ROWS[0]!);
    }
    await fillLiulin();

    await actInDialog(office, {
      open: office.getByTestId('collection-close'),
      confirm: 'action-submit',
      name: 'cf-close',
      fill: async (dialog) => assert.match((await dialog.textContent()) ?? '', /结束征集？.*还有2个单位未报送/),
    });
    await office.getByTestId('collection-reopen').waitFor();
    assert.equal((await office.getByTestId('collection-state').textContent())?.trim(), '已结束');
    assert.equal((await apiAs(e2e, office, 'GET', `/api/collections/${collectionId}`)).body.state, 'closed');

    // 柳林乡 had the form open: its 报送 is refused with the server's message, and the page then shows it closed.
    await actInDialog(liulin, { open: liulin.getByTestId('fill-submit'), confirm: 'action-submit', name: 'cf-liulin-closed' });
    await liulin.getByTestId('fill-refusal').waitFor();
    assert.equal((await liulin.getByTestId('fill-refusal').locator('.ant-alert-title, .ant-alert-message').first().textContent())?.trim(), '该征集已结束，不能再填报');
    await liulin.getByTestId('fill-closed').waitFor();
    assert.equal(await liulin.getByTestId('fill-submit').count(), 0);
    await shot(liulin, 'cf-07-liulin-closed');
    const refused = await entryOf(liulin, 'liulin');
    assert.equal(refused.state, 'pending');
    assert.equal(refused.submittedAt, null);
    assert.deepEqual(refused.data, {});

    await actInDialog(office, { open: office.getByTestId('collection-reopen'), confirm: 'action-submit', name: 'cf-reopen' });
    await office.getByTestId('collection-close').waitFor();
    assert.equal((await office.getByTestId('collection-state').textContent())?.trim(), '征集中');

    await liulin.reload();
    await liulin.locator('[data-testid="my-unit-state"][data-state="pending"]').waitFor();
    await fillLiulin();
    await actInDialog(liulin, { open: liulin.getByTestId('fill-submit'), confirm: 'action-submit', name: 'cf-liulin-submit' });
    await liulin.locator('[data-testid="my-unit-state"][data-state="submitted"]').waitFor();
    const entry = await entryOf(liulin, 'liulin');
    assert.equal(entry.state, 'submitted');
    assert.deepEqual(entry.data, { f1: 30, f2: LIULIN_NOTE, f3: null, f4: '已完工', f5: ['防洪'], f6: null, f7: LIULIN_ROWS.map(([c1, c2]) => ({ c1, c2 })) });
  });

  step('the summary by unit and by table row carries the figures entered; the row-mode .xlsx has the title, the unit names and the 合计', async () => {
    await office.reload();
    await office.getByTestId('collection-completion').filter({ hasText: '已报送 2 / 3' }).waitFor();
    const summary = office.getByTestId('collection-summary');
    const total = office.getByTestId('summary-total-row');
    const totalOf = async (key: string) => ((await office.getByTestId(`summary-total-${key}`).textContent()) ?? '').trim();
    const summaryRow = (unit: keyof typeof UNITS) => office.getByTestId('summary-row').and(office.locator(`[data-unit="${UNITS[unit]}"]`));

    // By unit: every field, a table adding the sum of its number column.
    await total.filter({ hasText: '合计（已报送 2/3）' }).waitFor();
    assert.equal(await totalOf('f1'), '42.5');
    assert.deepEqual(await Promise.all(['f2', 'f3', 'f4', 'f5', 'f6'].map(totalOf)), ['2项', '1项', '2项', '2项', '1项']);
    assert.equal(await totalOf('f7.c2'), '40.11');
    assert.deepEqual(await cellTexts(summaryRow('hexi')), [UNITS.hexi, '已报送', '12.5', HEXI_NOTE, '2026-12-01', '在建', '灌溉、饮水', PROOF_NAME, '12.31']);
    assert.deepEqual(await cellTexts(summaryRow('qingshan')), [UNITS.qingshan, '草稿', '', '', '', '', '', '', '']);
    assert.deepEqual(await cellTexts(summaryRow('liulin')), [UNITS.liulin, '已报送', '30', LIULIN_NOTE, '', '已完工', '防洪', '', '27.8']);
    const byUnit = (await apiAs(e2e, office, 'GET', `/api/collections/${collectionId}/summary?mode=unit`)).body;
    assert.deepEqual(byUnit.totals, {
      f1: { sum: 42.5, count: 2 },
      f2: { sum: null, count: 2 },
      f3: { sum: null, count: 1 },
      f4: { sum: null, count: 2 },
      f5: { sum: null, count: 2 },
      f6: { sum: null, count: 1 },
      'f7.c2': { sum: 40.11, count: 2 },
    });
    assert.deepEqual(byUnit.rows.map((r: { unitName: string; cells: Record<string, unknown> }) => [r.unitName, r.cells.f5]), [
      [UNITS.hexi, '灌溉、饮水'],
      [UNITS.qingshan, null],
      [UNITS.liulin, '防洪'],
    ]);

    // By table row: one row per 项目明细 row, 青山乡 (a draft) with one empty row.
    await summary.getByTestId('summary-mode').getByText('按明细行').click();
    await office.locator('[data-testid="collection-summary"][data-mode="row"]').waitFor();
    await office.getByTestId('summary-total-f7.c1').filter({ hasText: '3项' }).waitFor();
    assert.equal(await totalOf('f7.c2'), '40.11');
    const rows = await office.getByTestId('summary-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    assert.deepEqual(rows, [
      [UNITS.hexi, '1', '已报送', HEXI_ROWS[0]![0], '8.25'],
      [UNITS.hexi, '2', '已报送', HEXI_ROWS[1]![0], '4.06'],
      [UNITS.qingshan, '', '草稿', '', ''],
      [UNITS.liulin, '1', '已报送', LIULIN_ROWS[0]![0], '27.8'],
    ]);
    const byRow = (await apiAs(e2e, office, 'GET', `/api/collections/${collectionId}/summary?mode=row`)).body;
    assert.deepEqual(byRow.totals, { 'f7.c1': { sum: null, count: 3 }, 'f7.c2': { sum: 40.11, count: 3 } });
    await shot(office, 'cf-08-summary-by-row');

    const exportLink = office.getByTestId('collection-export');
    assert.match((await exportLink.getAttribute('href')) ?? '', /mode=row/);
    const [download] = await Promise.all([office.waitForEvent('download'), exportLink.click()]);
    assert.equal(download.suggestedFilename(), `${TITLE}汇总表（按表格行）.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const line = (n: number) => Array.from({ length: 6 }, (_, i) => sheet.getRow(n).getCell(i + 1).value ?? null);
    assert.equal(sheet.getRow(1).getCell(1).value, `${TITLE}汇总表`);
    assert.match(String(sheet.getRow(2).getCell(1).value), /应报3个单位，已报送2个，草稿1个，未填报0个，已退回0个/);
    assert.deepEqual(line(3), ['序号', '单位', '行号', F.name, `${F.amount}（万元）`, '填报状态']);
    assert.deepEqual(line(4), [1, UNITS.hexi, 1, HEXI_ROWS[0]![0], 8.25, '已报送']);
    assert.deepEqual(line(5), [1, UNITS.hexi, 2, HEXI_ROWS[1]![0], 4.06, '已报送']);
    assert.deepEqual(line(6), [2, UNITS.qingshan, null, null, null, '草稿']);
    assert.deepEqual(line(7), [3, UNITS.liulin, 1, LIULIN_ROWS[0]![0], 27.8, '已报送']);
    assert.deepEqual(line(8), ['合计', '3个单位，3行', null, '3项', 40.11, '已报送2/3']);
    assert.equal(sheet.rowCount, 8);
  });

  step('the office’s detail page fits a phone (375 px) without sideways scrolling', async () => {
    await office.setViewportSize(PHONE);
    await office.waitForFunction(() => window.innerWidth === 375);
    // The units turn into cards on a phone.
    await office.locator('div[data-testid="collection-unit-row"]').first().waitFor();
    await office.getByTestId('summary-total-row').waitFor();
    await shot(office, 'cf-09-office-phone');
    await fitsWidth(office, 'the office’s detail page');
    await office.goto(`${e2e.baseUrl}/collections/${collectionId}`);
    await office.locator('div[data-testid="collection-unit-row"]').first().waitFor();
    await office.getByTestId('summary-total-f1').filter({ hasText: '42.5' }).waitFor();
    await fitsWidth(office, 'the office’s detail page, loaded on the phone');
  });
});
