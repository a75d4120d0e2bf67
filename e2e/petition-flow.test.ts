import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { actInDialog, pickOption as pick, startE2E, type E2E, loginAs as signIn, shot, currentCount, inboxCount } from './harness.ts';

/**
 * 信访 end to end, as the issue tells it: a petitioner files online without an account and keeps the query
 * code; the 信访局 clerk registers the same person's 来访, sees the online case among the suspected repeats and
 * links it; the clerk accepts the online case and 交办 it to 河西镇, whose clerk answers it (支持) from the inbox;
 * the petitioner reads the reply with the query code and evaluates 满意; this month's statistics count both new
 * cases and the evaluation.
 *
 * The demo seeds three cases received today; every count here is relative to what the board shows before.
 */
const NAME = '王某某';
const PHONE = '13900000123';
const HEXI_FULL_NAME = '中共示例县河西镇委员会';
const CATEGORY = '农业农村';
const ONLINE_SUMMARY = '反映河西镇某村土地承包合同纠纷';
const ONLINE_CONTENT =
  '本人系河西镇某村村民，2019年与村委会签订土地承包合同，承包耕地12亩，期限十五年。今年村委会以重新规划为由单方面解除合同，收回全部承包地，未给予任何补偿。多次找村委会协商未果，请求依法处理，恢复承包经营权或给予合理补偿。';
const VISIT_SUMMARY = '来访反映河西镇某村土地承包合同纠纷';
const VISIT_CONTENT = `${ONLINE_CONTENT}此前已在网上反映，今天到信访局当面反映。`;
const REPLY = '经河西镇党委调查核实，村委会单方面解除土地承包合同缺乏依据，已责令村委会恢复王某某的土地承包经营权，并赔偿当季损失。';

describe('信访 end to end (Chromium)', () => {
  let e2e: E2E;
  let totalBefore = NaN;
  let evaluationsBefore = { satisfied: 0, basically: 0, unsatisfied: 0 };
  let queryCode = '';
  let onlineSerial = '';
  let onlineId = '';
  let hexiBase = NaN;

  before(async () => {
    e2e = await startE2E();
  });
  after(async () => {
    await e2e?.close();
  });

  const loginAs = (username: string) => signIn(e2e, username, { width: 1440, height: 900 });



  /** Opens an action's modal by its button, lets `fill` fill it, confirms and waits for it to close. */
  async function act(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
    await actInDialog(page, { open: page.getByTestId(`action-${action}`), confirm: 'action-submit', name: `pt-${action}`, fill });
  }


  /** This month's statistics on the board: 期内信访总量, the satisfaction rate as shown, and the evaluations. */
  async function readStats(page: Page) {
    await page.goto(`${e2e.baseUrl}/petitions/board`);
    const total = page.getByTestId('stats-total');
    await total.waitFor();
    const evaluations = (await page.getByTestId('stats-evaluations').textContent()) ?? '';
    const count = (label: string) => {
      const m = new RegExp(`(?:^|[^基本不])${label} (\\d+)`).exec(evaluations);
      assert.ok(m, `"${label} N" in the evaluations panel: ${evaluations}`);
      return Number(m[1]);
    };
    return {
      total: Number((await total.textContent())?.trim()),
      satisfaction: (await page.getByTestId('stats-satisfaction').textContent())?.trim() ?? '',
      satisfied: count('满意'),
      basically: count('基本满意'),
      unsatisfied: count('不满意'),
    };
  }

  /** Runs the public query page with the code, as the petitioner types it. */
  async function publicQuery(page: Page): Promise<Locator> {
    await page.goto(`${e2e.baseUrl}/public/petition/query`);
    await page.getByTestId('public-query-input').fill(queryCode);
    await page.getByTestId('public-query-submit').click();
    const progress = page.getByTestId('public-progress');
    await progress.waitFor().catch(async (e: unknown) => {
      await shot(page, 'pt-failed-public-query');
      const error = await page.getByTestId('public-query-error').textContent().catch(() => null);
      throw new Error(`the query did not show the case${error ? `: ${error}` : ''}`, { cause: e });
    });
    return progress;
  }

  it("the clerk reads this month's statistics before anything is filed", async () => {
    const page = await loginAs('xinfangju');
    const stats = await readStats(page);
    totalBefore = stats.total;
    evaluationsBefore = { satisfied: stats.satisfied, basically: stats.basically, unsatisfied: stats.unsatisfied };
    assert.ok(totalBefore >= 3, `the demo seeds three cases received today; the board counts ${totalBefore}`);
    await shot(page, 'pt-00-board-before');
    await page.context().close();
  });

  it('a petitioner files online without an account and receives a query code', async () => {
    const { page, context } = await e2e.newPage({ width: 1440, height: 900 });
    await page.goto(`${e2e.baseUrl}/public/petition`);
    await page.getByTestId('public-name').fill(NAME);
    await page.getByTestId('public-phone').fill(PHONE);
    await pick(page, page.getByTestId('public-township'), HEXI_FULL_NAME, '河西镇');
    await pick(page, page.getByTestId('public-category'), CATEGORY);
    await page.getByTestId('public-summary').fill(ONLINE_SUMMARY);
    await page.getByTestId('public-content').fill(ONLINE_CONTENT);
    await page.getByTestId('public-consent').click();
    assert.equal(await page.getByRole('checkbox').isChecked(), true, 'consent is ticked');
    await shot(page, 'pt-01-public-form');
    await page.getByTestId('public-submit').click();
    const code = page.getByTestId('public-query-code');
    await code.waitFor().catch(async (e: unknown) => {
      await shot(page, 'pt-failed-public-submit');
      const errors = await page.locator('.ant-form-item-explain-error, [data-testid="public-error"]').allTextContents();
      throw new Error(`the public form did not go through: ${errors.join('；')}`, { cause: e });
    });
    queryCode = (await code.textContent())?.trim() ?? '';
    assert.match(queryCode, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'query code XXXX-XXXX-XXXX-XXXX');
    await shot(page, 'pt-02-public-query-code');

    // The petitioner looks the case up at once: registered, not yet accepted, no reply.
    const progress = await publicQuery(page);
    onlineSerial = (await progress.getByTestId('public-serial').textContent())?.trim() ?? '';
    assert.match(onlineSerial, /^信〔\d{4}〕\d+号$/);
    assert.match((await progress.getByTestId('public-state').textContent()) ?? '', /已登记待受理/);
    assert.equal(await page.getByTestId('public-reply').count(), 0, 'no reply yet');
    assert.equal(await page.getByTestId('public-evaluate').count(), 0, 'nothing to evaluate yet');
    await shot(page, 'pt-03-public-query-registered');
    await context.close();
  });

  it("the clerk registers the same person's 来访, sees the online case as a suspected repeat and links it", async () => {
    const page = await loginAs('xinfangju');
    await page.goto(`${e2e.baseUrl}/petitions/new`);
    await pick(page, page.getByTestId('pt-channel'), '来访');
    await page.getByTestId('pt-kind').getByText('申诉求决类', { exact: true }).click();
    // The petitioner filed online with this county before: 首次信访机关 is 本级.
    await page.getByTestId('pt-first-organ').getByText('本级', { exact: true }).click();
    await page.getByTestId('pt-summary').fill(VISIT_SUMMARY);
    await page.getByTestId('pt-content').fill(VISIT_CONTENT);
    await pick(page, page.getByTestId('pt-township'), HEXI_FULL_NAME, '河西镇');
    await pick(page, page.getByTestId('pt-category'), CATEGORY);
    await page.getByTestId('pt-name').fill(NAME);
    await page.getByTestId('pt-phone').fill(PHONE);
    // One person came (the form's default for a visit).
    const peopleCount = page.locator('input[data-testid="pt-people-count"], [data-testid="pt-people-count"] input').first();
    await peopleCount.fill('1');
    await shot(page, 'pt-04-visit-form');
    await page.getByTestId('pt-submit').click();
    await page.waitForURL(/\/petitions\/[0-9a-f-]{36}$/).catch(async (e: unknown) => {
      await shot(page, 'pt-failed-register');
      const errors = await page.locator('.ant-form-item-explain-error, [data-testid="pt-create-error"]').allTextContents();
      throw new Error(`the registration form did not go through: ${errors.join('；')}`, { cause: e });
    });
    const visitPath = new URL(page.url()).pathname;
    await page.getByTestId('pt-title').filter({ hasText: VISIT_SUMMARY }).waitFor();
    assert.match((await page.getByTestId('pt-state').textContent()) ?? '', /已登记待受理/);

    // The repeat check on save found the online case: same petitioner (phone) and the same facts.
    await page.getByTestId('pt-registered-matches').waitFor();
    const match = page.getByTestId(`pt-match-${onlineSerial}`);
    await match.waitFor();
    const matchText = (await match.textContent()) ?? '';
    assert.match(matchText, /同一信访人/, `the match gives the reason 同一信访人: ${matchText}`);
    assert.ok(matchText.includes(ONLINE_SUMMARY), 'the match shows the online case');
    const linkButton = match.locator('[data-testid^="pt-match-link-"]');
    onlineId = ((await linkButton.getAttribute('data-testid')) ?? '').replace('pt-match-link-', '');
    assert.match(onlineId, /^[0-9a-f-]{36}$/);
    await shot(page, 'pt-05-visit-matches');

    await linkButton.click();
    await page.getByTestId(`pt-linked-${onlineId}`).waitFor();
    // Decided: nothing is left to link or dismiss, and the warning of open matches goes away.
    await linkButton.waitFor({ state: 'detached' });
    await page.getByTestId('pt-registered-matches').waitFor({ state: 'detached' });
    assert.match((await page.getByTestId(`pt-linked-${onlineId}`).textContent()) ?? '', new RegExp(`${onlineSerial}.*重复信访`));
    await shot(page, 'pt-06-visit-linked');

    // The link holds both ways.
    const online = (await (await page.request.get(`${e2e.baseUrl}/api/petitions/${onlineId}`)).json()) as { linked: { id: string; relation: string }[]; channel: string };
    const visitId = visitPath.split('/').pop();
    assert.equal(online.channel, 'online');
    assert.ok(online.linked.some((l) => l.id === visitId && l.relation === 'repeat'), 'the online case is linked back to the visit');
    await page.context().close();
  });

  it('the clerk accepts the online case and 交办 it to 河西镇; the 受理告知书 appears', async () => {
    // 河西镇's to-do count before the case reaches it.
    const hexi = await loginAs('hexi');
    hexiBase = await currentCount(hexi);
    await hexi.context().close();

    const page = await loginAs('xinfangju');
    await page.goto(`${e2e.baseUrl}/petitions/${onlineId}`);
    await page.getByTestId('pt-title').filter({ hasText: ONLINE_SUMMARY }).waitFor();
    await act(page, 'accept', async (dialog) => {
      await dialog.getByTestId('pt-handling-mode-assign').click();
      await pick(page, dialog.getByTestId('pt-handling-unit'), HEXI_FULL_NAME, '河西镇');
      await dialog.getByTestId('action-comment').fill('交河西镇党委依法办理，请于期限内答复信访人。');
      await shot(page, 'pt-07-accept-dialog');
    });
    await page.getByTestId('pt-state').filter({ hasText: '办理中' }).waitFor();
    await page.getByTestId('pt-document-acceptance_notice').waitFor();
    assert.match((await page.getByTestId('pt-document-acceptance_notice').textContent()) ?? '', /受理告知书/);
    await shot(page, 'pt-08-accepted');
    const stored = (await (await page.request.get(`${e2e.baseUrl}/api/petitions/${onlineId}`)).json()) as { handlingMode: string; handlingUnitName: string };
    assert.equal(stored.handlingMode, 'assign');
    // Registers name a unit by its short name.
    assert.equal(stored.handlingUnitName, '河西镇');
    await page.context().close();
  });

  it('河西镇 finds the case in its inbox and answers it with 支持; the 处理意见书 appears', async () => {
    const page = await loginAs('hexi');
    await inboxCount(page, hexiBase + 1);
    await page.goto(`${e2e.baseUrl}/inbox`);
    const row = page.locator('tr', { hasText: ONLINE_SUMMARY }).filter({ hasText: '办理' }).first();
    await row.waitFor();
    await shot(page, 'pt-09-hexi-inbox');
    await row.getByText(ONLINE_SUMMARY).click();
    await page.waitForURL(new RegExp(`/petitions/${onlineId}$`));
    await page.getByTestId('pt-title').filter({ hasText: ONLINE_SUMMARY }).waitFor();
    await act(page, 'reply', async (dialog) => {
      await dialog.getByTestId('pt-outcome-support').click();
      await dialog.getByTestId('action-comment').fill(REPLY);
      await shot(page, 'pt-10-reply-dialog');
    });
    await page.getByTestId('pt-state').filter({ hasText: '已答复' }).waitFor();
    await page.getByTestId('pt-document-opinion').waitFor();
    assert.match((await page.getByTestId('pt-document-opinion').textContent()) ?? '', /意见书/);
    const reply = page.getByTestId('pt-reply');
    assert.match((await reply.textContent()) ?? '', /支持/);
    assert.ok(((await reply.textContent()) ?? '').includes(REPLY), 'the reply is on the case');
    // Answered: the to-do is done.
    await page.reload();
    await inboxCount(page, hexiBase);
    await shot(page, 'pt-11-replied');
    await page.context().close();
  });

  it('the petitioner reads the reply with the query code and evaluates 满意', async () => {
    const { page, context } = await e2e.newPage({ width: 1440, height: 900 });
    const progress = await publicQuery(page);
    assert.equal((await progress.getByTestId('public-serial').textContent())?.trim(), onlineSerial);
    assert.match((await progress.getByTestId('public-state').textContent()) ?? '', /已答复/);
    assert.ok(((await page.getByTestId('public-reply').textContent()) ?? '').includes(REPLY), 'the reply is shown to the petitioner');
    const steps = (await page.getByTestId('public-steps').textContent()) ?? '';
    for (const step of ['已登记', '已受理', '已答复']) assert.ok(steps.includes(step), `step ${step} in ${steps}`);
    await page.getByTestId('public-evaluate').waitFor();
    await page.getByTestId('public-evaluate-satisfied').click();
    await shot(page, 'pt-12-public-reply-evaluate');
    await page.getByTestId('public-evaluate-submit').click();
    await page.locator('.ant-message').getByText('感谢您的评价').waitFor();
    // Evaluated once: the page asks no more.
    await page.getByTestId('public-evaluate').waitFor({ state: 'detached' });
    await shot(page, 'pt-13-public-evaluated');
    await context.close();

    // Recorded on the case, as the clerk sees it.
    const clerk = await loginAs('xinfangju');
    await clerk.goto(`${e2e.baseUrl}/petitions/${onlineId}`);
    await clerk.getByTestId('pt-reply').getByText('信访人评价：满意').waitFor();
    await shot(clerk, 'pt-14-clerk-sees-evaluation');
    await clerk.context().close();
  });

  it("this month's statistics count both new cases and the 满意 evaluation", async () => {
    const page = await loginAs('xinfangju');
    const stats = await readStats(page);
    assert.equal(stats.total, totalBefore + 2, `期内信访总量: ${totalBefore} before, the online case and the visit since`);
    assert.equal(stats.satisfied, evaluationsBefore.satisfied + 1, '满意 counted once more');
    assert.equal(stats.basically, evaluationsBefore.basically);
    assert.equal(stats.unsatisfied, evaluationsBefore.unsatisfied);
    const evaluated = stats.satisfied + stats.basically + stats.unsatisfied;
    const expected = `${(Math.round(((stats.satisfied + stats.basically) / evaluated) * 1000) / 10).toFixed(1)}%`;
    assert.equal(stats.satisfaction, expected, 'satisfaction = (满意 + 基本满意) / evaluated');
    // The demo has no evaluation, so the one 满意 makes it 100%.
    if (evaluationsBefore.satisfied + evaluationsBefore.basically + evaluationsBefore.unsatisfied === 0) assert.equal(stats.satisfaction, '100.0%');
    assert.ok(((await page.getByTestId('stats-channel').textContent()) ?? '').includes('网上信访'), 'the online case counts under 网上信访');
    await shot(page, 'pt-15-board-after');
    await page.context().close();
  });
});
