import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { animationsSettled, dialogSettled, startE2E, type E2E, loginAs as signIn, shot } from './harness.ts';

/**
 * A leader's own 交办 (one source of supervision items), in a real browser: the leader assigns a task
 * to a township; the township clerk signs, reports progress and reports completion; the 督查室 reviews
 * it; the leader confirms it with a rating. Inbox counts in the header are checked at every step, as
 * changes from what the demo data already put there.
 */
describe('领导交办 end to end (Chromium)', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
  });
  after(() => e2e?.close());

  const loginAs = (username: string, viewport?: { width: number; height: number }) => signIn(e2e, username, viewport);

  async function currentCount(page: Page): Promise<number> {
    return Number((await page.getByTestId('inbox-count').textContent())?.trim() ?? 'NaN');
  }

  async function inboxCount(page: Page, expected: number): Promise<void> {
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="inbox-count"]')?.textContent?.trim() === String(n),
      expected,
      { timeout: 15_000 },
    ).catch(async () => {
      const actual = await page.getByTestId('inbox-count').textContent();
      assert.equal(actual?.trim(), String(expected), 'inbox count in the header');
    });
  }

  async function takeAction(page: Page, label: string, comment?: string, before?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
    await page.getByRole('button', { name: label, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialogSettled(page);
    if (comment !== undefined) await dialog.getByRole('textbox').first().fill(comment);
    if (before) await before(dialog);
    await dialog.getByRole('button', { name: /确\s*定|提\s*交|确\s*认/ }).last().click();
    await dialog.waitFor({ state: 'hidden' });
  }


  let detailPath = '';

  it('the leader creates an assignment for a township', async () => {
    const page = await loginAs('shuji');
    await inboxCount(page, 0);
    await page.goto(`${e2e.baseUrl}/assignments/new`);
    await page.getByLabel('标题').fill('开展秋冬季森林防火隐患排查');
    await page.getByLabel('批示内容').fill('请城关镇立即组织排查，逐村建立台账，11月底前报告结果。');
    await page.getByLabel('交办单位').click();
    await page.getByLabel('交办单位').fill('城关镇');
    await animationsSettled(page);
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '城关镇' }).first().click();
    await page.getByText('工作日数', { exact: false }).first().click().catch(() => {});
    const days = page.getByLabel('工作日数');
    if (await days.isVisible().catch(() => false)) await days.fill('5');
    await page.getByRole('button', { name: /提\s*交|交\s*办|保\s*存/ }).first().click();
    // Creating runs the whole 交办 (notice, to-dos, reminders); on a loaded machine it can outlast the default wait.
    await page.waitForURL(/\/assignments\/[0-9a-f-]{36}$/, { timeout: 45_000 });
    await page.getByTestId('assignment-title').waitFor();
    assert.equal(await page.getByTestId('assignment-title').textContent(), '开展秋冬季森林防火隐患排查');
    assert.match((await page.getByTestId('assignment-state').textContent()) ?? '', /待签收/);
    detailPath = new URL(page.url()).pathname;
    assert.match(detailPath, /^\/assignments\/[0-9a-f-]{36}$/);
    await shot(page, '01-leader-created');
    await page.context().close();
  });

  it('the township clerk signs, reports progress and reports completion', async () => {
    const page = await loginAs('chengguan');
    // The demo's own items for 城关镇 are already there; this test counts from them.
    // The header shows 0 until its first count arrives; the new assignment alone makes it at least 1.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="inbox-count"]')?.textContent?.trim() ?? '0') > 0, undefined, { timeout: 20_000 });
    const base = (await currentCount(page)) - 1;
    assert.ok(base >= 0, 'the new assignment is in the township clerk\'s inbox');
    await page.goto(`${e2e.baseUrl}/inbox`);
    await page.getByText('开展秋冬季森林防火隐患排查').first().click();
    await page.getByTestId('assignment-title').waitFor();
    assert.equal(new URL(page.url()).pathname, detailPath);
    await takeAction(page, '签收');
    await page.getByTestId('assignment-state').filter({ hasText: '办理中' }).waitFor();
    await inboxCount(page, base + 1);
    await takeAction(page, '反馈进展', '已完成12个村的排查，发现隐患3处，正在整改。');
    await page.getByText('已完成12个村的排查，发现隐患3处，正在整改。').first().waitFor();
    await inboxCount(page, base + 1);
    await takeAction(page, '报告办结', '3处隐患全部整改到位，台账已建立。');
    await page.getByTestId('assignment-state').filter({ hasText: '待审核办结' }).waitFor();
    await inboxCount(page, base);
    await shot(page, '02-township-reported');
    await page.context().close();
  });

  it('the 督查室 reviews the completion report and passes it to the leader', async () => {
    const page = await loginAs('ducha');
    await page.goto(`${e2e.baseUrl}${detailPath}`);
    await takeAction(page, '审核通过', '经核实，隐患已整改到位。');
    await page.getByTestId('assignment-state').filter({ hasText: '待领导确认' }).waitFor();
    await page.context().close();
  });

  it('the leader confirms with a rating (销号), and the to-do leaves his inbox', async () => {
    const page = await loginAs('shuji');
    await inboxCount(page, 1);
    await page.goto(`${e2e.baseUrl}${detailPath}`);
    await takeAction(page, '确认销号', undefined, (dialog) => dialog.getByTestId('rating-good').click());
    await page.getByTestId('assignment-state').filter({ hasText: '已办结' }).waitFor();
    await inboxCount(page, 0);
    const entries = await page.getByTestId('assignment-history-entry').count();
    assert.equal(entries, 7, 'history: 立项, 印发交办单, 签收, 反馈进展, 报告办结, 审核通过, 确认销号');
    await shot(page, '03-leader-confirmed');
    await page.context().close();
  });

  it('works at phone width (375 px): the done list shows the concluded task without horizontal page scroll', async () => {
    const page = await loginAs('chengguan', { width: 375, height: 812 });
    await page.goto(`${e2e.baseUrl}/inbox`);
    await page.getByRole('button', { name: '打开菜单' }).waitFor();
    await page.getByTestId('inbox-tab-done').click();
    await page.getByText('开展秋冬季森林防火隐患排查').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await shot(page, '04-phone-inbox');
    await page.context().close();
  });
});
