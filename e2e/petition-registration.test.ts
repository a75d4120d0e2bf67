import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { actInDialog, apiAs, loginAs as signIn, pickOption as pick, shot, startE2E, type E2E } from './harness.ts';

/**
 * 信访 registration, corrected: the 信访局 clerk registers a 来信 with the scanned letter attached; opens a case that
 * came in online (filed, as every online case is, as 申诉求决类 under 其他) and reclassifies it through 修改登记 as a
 * 检举控告 on 纪检监察, confirming the list of changes; reads the change in the case's history; and downloads the
 * scanned letter from the first case.
 */
const CHENGGUAN_FULL_NAME = '中共示例县城关镇委员会';
const LETTER_SUMMARY = '来信反映城关镇农贸市场摊位费乱收费';
const LETTER_CONTENT = '城关镇农贸市场今年起摊位费由每月300元涨到800元，没有公示收费依据，也不开具票据，商户多次反映无果，请求有关部门查处。';
const SCAN = { name: '来信扫描件.pdf', mimeType: 'application/pdf', body: '%PDF-1.4 来信扫描件（e2e）' };
const ONLINE_SUMMARY = '网上反映城关镇某站所工作人员吃拿卡要';
const ONLINE_CONTENT = '本人在城关镇某站所办理手续时，工作人员多次暗示要请客送礼才给办理，拖了两个月仍未办结，请求调查处理。';
const REASON = '网上信访误归类：反映的是工作人员违纪问题，属检举控告';

describe('信访 修改登记 and files (Chromium)', () => {
  let e2e: E2E;
  let letterId = '';

  before(async () => {
    e2e = await startE2E();
  });
  after(async () => {
    await e2e?.close();
  });

  const loginAs = (username: string) => signIn(e2e, username, { width: 1440, height: 900 });

  it('the clerk registers a 来信 with the scanned letter attached', async () => {
    const page = await loginAs('xinfangju');
    await page.goto(`${e2e.baseUrl}/petitions/new`);
    await pick(page, page.getByTestId('pt-channel'), '来信');
    await page.getByTestId('pt-kind').getByText('申诉求决类', { exact: true }).click();
    await page.getByTestId('pt-first-organ').getByText('未到过其他机关', { exact: true }).click();
    await page.getByTestId('pt-summary').fill(LETTER_SUMMARY);
    await page.getByTestId('pt-content').fill(LETTER_CONTENT);
    await pick(page, page.getByTestId('pt-township'), CHENGGUAN_FULL_NAME, '城关镇');
    await pick(page, page.getByTestId('pt-category'), '城乡建设');
    await page.getByTestId('pt-name').fill('赵某某');
    await page.locator('input[type=file]').setInputFiles({ name: SCAN.name, mimeType: SCAN.mimeType, buffer: Buffer.from(SCAN.body) });
    // Uploaded as picked: the list shows it done before the form is sent.
    await page.locator('.ant-upload-list-item-done', { hasText: SCAN.name }).waitFor();
    await shot(page, 'ptr-01-letter-form');
    await page.getByTestId('pt-submit').click();
    await page.waitForURL(/\/petitions\/[0-9a-f-]{36}$/).catch(async (e: unknown) => {
      await shot(page, 'ptr-failed-register');
      const errors = await page.locator('.ant-form-item-explain-error, [data-testid="pt-create-error"]').allTextContents();
      throw new Error(`the registration form did not go through: ${errors.join('；')}`, { cause: e });
    });
    letterId = new URL(page.url()).pathname.split('/').pop()!;
    const file = page.getByTestId('pt-files').getByTestId('pt-file');
    await file.filter({ hasText: SCAN.name }).waitFor();
    assert.match((await file.textContent()) ?? '', /来信原件.*来信扫描件\.pdf.*许婷/);
    await shot(page, 'ptr-02-letter-registered');
    const detail = (await apiAs(e2e, page, 'GET', `/api/petitions/${letterId}`)).body;
    assert.deepEqual(detail.files.map((f: any) => [f.name, f.kind, f.size]), [[SCAN.name, 'original', Buffer.byteLength(SCAN.body)]]);
    await page.context().close();
  });

  it('the clerk reclassifies an online case through 修改登记 (kind and category) and reads the change in the history', async () => {
    // A petitioner files online (no account): the case arrives as 申诉求决类 under 其他.
    const { page: anon, context } = await e2e.newPage();
    const towns = (await (await anon.request.get(`${e2e.baseUrl}/api/public/petitions/units`)).json()) as { items: { id: string; name: string }[] };
    const chengguan = towns.items.find((t) => t.name === CHENGGUAN_FULL_NAME)!;
    const submitted = await anon.request.post(`${e2e.baseUrl}/api/public/petitions`, {
      data: { name: '钱某某', phone: '13900000456', townshipId: chengguan.id, summary: ONLINE_SUMMARY, content: ONLINE_CONTENT },
    });
    assert.equal(submitted.status(), 200, await submitted.text());
    await context.close();

    const page = await loginAs('xinfangju');
    const list = (await apiAs(e2e, page, 'GET', `/api/petitions?channel=online&q=${encodeURIComponent(ONLINE_SUMMARY)}`)).body;
    assert.equal(list.total, 1);
    const onlineId = list.items[0].id as string;
    assert.deepEqual([list.items[0].kindLabel, list.items[0].categoryName], ['申诉求决类', '其他']);
    await page.goto(`${e2e.baseUrl}/petitions/${onlineId}`);
    await page.getByTestId('pt-title').filter({ hasText: ONLINE_SUMMARY }).waitFor();

    await actInDialog(page, {
      open: page.getByTestId('pt-edit-open'),
      name: 'pt-edit',
      confirm: 'pt-edit-confirm',
      fill: async (dialog) => {
        await dialog.getByTestId('pt-edit-kind-accusation').click();
        await pick(page, dialog.getByTestId('pt-edit-category'), '纪检监察');
        await dialog.getByTestId('pt-edit-reason').fill(REASON);
        await dialog.getByTestId('pt-edit-submit').click();
        // The clerk checks the list of changes before they are made.
        const summary = dialog.getByTestId('pt-edit-summary');
        await summary.waitFor();
        assert.match((await dialog.getByTestId('pt-edit-change-kind').textContent()) ?? '', /信访事项类型：申诉求决类 → 检举控告类/);
        assert.match((await dialog.getByTestId('pt-edit-change-categoryId').textContent()) ?? '', /问题类别：其他 → 纪检监察/);
        await shot(page, 'ptr-03-edit-confirm');
      },
    });
    const entry = page.getByTestId('pt-history-entry').filter({ hasText: '修改登记' });
    await entry.waitFor();
    assert.ok(
      ((await entry.textContent()) ?? '').includes(`信访事项类型 申诉求决类→检举控告类；问题类别 其他→纪检监察。原因：${REASON}`),
      `the history line: ${await entry.textContent()}`,
    );
    // The page shows the new kind and category (the dialog is gone).
    await page.getByText('检举控告类', { exact: true }).first().waitFor();
    await page.getByText('纪检监察', { exact: true }).first().waitFor();
    await shot(page, 'ptr-04-edited');
    const detail = (await apiAs(e2e, page, 'GET', `/api/petitions/${onlineId}`)).body;
    assert.deepEqual([detail.channel, detail.kind, detail.categoryName, detail.state], ['online', 'accusation', '纪检监察', 'registered']);
    await page.context().close();
  });

  it('the clerk downloads the scanned letter from the case', async () => {
    const page = await loginAs('xinfangju');
    await page.goto(`${e2e.baseUrl}/petitions/${letterId}`);
    const link = page.getByTestId('pt-files').getByTestId('pt-file-download');
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), SCAN.name);
    assert.equal(fs.readFileSync((await download.path())!, 'utf8'), SCAN.body);
    await page.context().close();
  });

  it('the board warns of the five 河西镇 villagers the demo seeds on one matter, written in their own words, and opens exactly those cases', async () => {
    const page = await loginAs('xinfangju');
    await page.goto(`${e2e.baseUrl}/petitions/board`);
    const panel = page.getByTestId('pt-group-alerts');
    const row = panel.locator('tr', { hasText: '反映河西工业园化工厂夜间排放刺鼻气味' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /河西镇.*生态环境.*5/);
    const board = (await apiAs(e2e, page, 'GET', '/api/petitions/board')).body;
    const alert = board.groupAlerts.find((a: any) => a.townshipName === '河西镇');
    assert.equal(alert.count, 5);
    await shot(page, 'ptr-05-group-alert');
    await page.getByTestId(`pt-group-count-${alert.matterId}`).click();
    await page.waitForURL(/matterId=/);
    await page.getByTestId('pt-filter-matter').waitFor();
    const rows = page.locator('[data-testid^="pt-row-"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="pt-row-"]').length === n, 5);
    const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice('pt-row-'.length)));
    assert.deepEqual(ids.sort(), [...alert.caseIds].sort());
    await shot(page, 'ptr-06-group-cases');
    await page.context().close();
  });
});
