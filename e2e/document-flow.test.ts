import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { actInDialog, dialogSettled, startE2E, type E2E, loginAs as signIn, shot } from './harness.ts';

/**
 * 办文 end to end, as the issue tells it: 城关镇 drafts a 请示 with a format mistake and fixes it with
 * the one-click fix; its office reviews and returns it once; the 镇党委书记 signs; it is numbered, sealed
 * and issued to the county committee, whose 县委办 signs for it, proposes handling, gets 王书记's 批示
 * that also creates an assignment for 县发改局, and concludes it with a reply that the township sees.
 */
const TITLE = '中共示例县城关镇委员会关于老旧小区改造资金缺口的请示';

describe('办文 end to end (Chromium)', () => {
  let e2e: E2E;
  let draftPath = '';
  let incomingPath = '';
  before(async () => {
    e2e = await startE2E();
  });
  after(() => e2e?.close());

  const loginAs = (username: string) => signIn(e2e, username, { width: 1440, height: 900 });


  /**
   * Picks an option of an antd Select or TreeSelect inside `scope`, by its field label and the option's text,
   * and checks the field shows it: a dialog still opening can swallow the first click, so it tries again.
   */
  async function pick(page: Page, scope: Locator, label: string | Locator, option: string): Promise<void> {
    const field = typeof label === 'string' ? scope.getByLabel(label, { exact: true }) : label;
    const formItem = field.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-form-item ")][1]');
    const inDialog = (await scope.getAttribute('role').catch(() => null)) === 'dialog';
    for (let attempt = 1; ; attempt++) {
      await field.click();
      await page.keyboard.type(option);
      const item = page.locator('.ant-select-dropdown:visible').locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: option }).first();
      await item.click();
      // Close the list by clicking the dialog's title: Escape would close the dialog too.
      if (inDialog) await scope.locator('.ant-modal-title').click();
      else await page.keyboard.press('Escape');
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
      const shown = (await formItem.count()) ? ((await formItem.locator('.ant-select-selection-item, .ant-select-selection-overflow').allTextContents()).join('')) : option;
      if (shown.includes(option) || attempt === 3) break;
    }
  }

  /** Submits the editor's 送核稿 dialog and waits for the detail page; on failure says what the dialog showed. */
  async function submitForReview(page: Page, reviewer: string, signer: string): Promise<void> {
    await page.getByTestId('editor-submit').click();
    await dialogSettled(page);
    const dialog = page.getByRole('dialog');
    await pick(page, dialog, '核稿人', reviewer);
    await pick(page, dialog, '签发领导', signer);
    await dialog.getByTestId('editor-submit-confirm').click();
    await page.waitForURL((u) => u.pathname === draftPath).catch(async (e: unknown) => {
      await shot(page, 'doc-failed-submit');
      throw new Error(`送核稿 did not go through; the dialog shows: ${(await dialog.textContent().catch(() => ''))?.slice(0, 300)}`, { cause: e });
    });
  }

  async function pickDate(scope: Locator, label: string, date: string): Promise<void> {
    const field = scope.getByLabel(label, { exact: true });
    await field.click();
    await field.fill(date);
    await field.press('Enter');
  }

  /** Opens a step's modal by its button, fills the opinion, lets `fill` add the rest, confirms and waits for the new state. */
  async function step(page: Page, action: string, o: { comment?: string; fill?: (dialog: Locator) => Promise<void>; state: RegExp }): Promise<void> {
    await actInDialog(page, {
      open: page.getByTestId(`action-${action}`),
      confirm: 'action-confirm',
      name: `doc-${action}`,
      fill: async (dialog) => {
        if (o.comment !== undefined) await dialog.locator('textarea').first().fill(o.comment);
        if (o.fill) await o.fill(dialog);
      },
    });
    await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('[data-testid="document-state"]')?.textContent ?? ''), o.state.source);
  }

  async function openFromInbox(page: Page, task: string): Promise<void> {
    await page.goto(`${e2e.baseUrl}/inbox`);
    const row = page.locator('tr', { hasText: TITLE }).filter({ hasText: task }).first();
    await row.getByText(TITLE).click();
    await page.getByTestId('document-title').waitFor();
  }

  it('城关镇 drafts a 请示, sees the format mistake beside the text and fixes it with one click', async () => {
    const page = await loginAs('chengguan');
    await page.goto(`${e2e.baseUrl}/documents/new`);
    await page.getByTestId('new-doc-type').getByText('请示', { exact: true }).click();
    await page.getByLabel('标题（选填）').fill(TITLE);
    await page.getByTestId('new-create').click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}\/edit$/);
    draftPath = new URL(page.url()).pathname.replace(/\/edit$/, '');

    await pick(page, page.locator('body'), page.getByTestId('editor-primary-recipients'), '中共示例县委员会');
    await page.getByTestId('editor-body-paragraph-0').fill('我镇老旧小区改造已完成12个小区,尚有资金缺口300万元。');
    await page.getByTestId('editor-body-paragraph-0').press('End');
    await page.getByTestId('editor-body-paragraph-0').press('Enter');
    await page.getByTestId('editor-body-paragraph-1').fill('妥否，请批示。');

    // The half-width comma is an error with a one-click fix, shown beside the text with its clause.
    const finding = page.getByTestId('finding-item').and(page.locator('[data-code="HALFWIDTH_PUNCTUATION"]'));
    await finding.waitFor();
    assert.match((await finding.textContent()) ?? '', /全角/);
    await page.getByTestId('editor-save-state').filter({ hasText: '已保存' }).waitFor();
    await shot(page, 'doc-01-editor-with-finding');
    await finding.getByTestId('finding-fix').click();
    await finding.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('editor-body-paragraph-0').inputValue(), '我镇老旧小区改造已完成12个小区，尚有资金缺口300万元。');
    await page.getByTestId('editor-save-state').filter({ hasText: '已保存' }).waitFor();

    await submitForReview(page, '钱伟', '林海');
    assert.match((await page.getByTestId('document-state').textContent()) ?? '', /核稿/);
    await page.context().close();
  });

  it('the township office returns it once with reasons, then passes it; the 书记 signs', async () => {
    let page = await loginAs('cgzhuren');
    await openFromInbox(page, '核稿');
    await step(page, 'review_return', { comment: '请补充资金缺口的测算依据。', state: /拟稿/ });
    await page.context().close();

    page = await loginAs('chengguan');
    await openFromInbox(page, '修改文稿');
    await page.goto(`${e2e.baseUrl}${draftPath}/edit`);
    await page.getByTestId('editor-body-paragraph-0').fill('我镇老旧小区改造已完成12个小区，按每户1.5万元测算，尚有资金缺口300万元。');
    await page.getByTestId('editor-save-state').filter({ hasText: '已保存' }).waitFor();
    await submitForReview(page, '钱伟', '林海');
    await page.context().close();

    page = await loginAs('cgzhuren');
    await page.goto(`${e2e.baseUrl}${draftPath}`);
    await step(page, 'review_pass', { comment: '同意', state: /签发/ });
    await page.context().close();

    page = await loginAs('cgshuji');
    await openFromInbox(page, '签发');
    await step(page, 'sign', { state: /编号登记/ });
    await page.context().close();
  });

  it('the township clerk numbers, seals and issues it to the county committee', async () => {
    const page = await loginAs('chengguan');
    await page.goto(`${e2e.baseUrl}${draftPath}`);
    await step(page, 'register', { fill: async (d) => d.getByLabel('印发份数').fill('3'), state: /用印/ });
    assert.equal(await page.getByTestId('document-number').textContent(), '城委〔2026〕1号');
    await step(page, 'seal', { state: /印发/ });
    await step(page, 'issue', { state: /已印发/ });
    assert.equal(await page.getByTestId('distribution-unsigned-count').textContent().then((t) => t?.match(/\d+/)?.[0]), '1');
    await shot(page, 'doc-02-issued-detail');

    // The rendered document, as the recipients will print it.
    const docx = await page.request.get(`${e2e.baseUrl}/api/documents${draftPath.slice('/documents'.length)}/docx`);
    assert.equal(docx.status(), 200);
    assert.equal(docx.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const print = await page.context().newPage();
    await print.goto(`${e2e.baseUrl}/api/documents${draftPath.slice('/documents'.length)}/print`);
    await print.getByText('城委〔2026〕1号').first().waitFor();
    await print.getByText('签发人：林海').first().waitFor();
    await shot(print, 'doc-03-rendered-document');
    await page.context().close();
  });

  it('the 县委办 signs for it, proposes handling; 王书记 instructs and creates an assignment', async () => {
    let page = await loginAs('wenshu');
    await openFromInbox(page, '签收');
    incomingPath = new URL(page.url()).pathname;
    await step(page, 'receive', { state: /待初审/ });
    assert.match((await page.getByTestId('document-number').textContent()) ?? '', /收〔2026〕\d+号/);
    await step(page, 'accept', { state: /待拟办/ });
    await step(page, 'propose', { comment: '呈王书记阅示。', fill: (d) => pick(page, d, '呈批领导', '王建国'), state: /待批示/ });
    await page.context().close();

    page = await loginAs('shuji');
    await openFromInbox(page, '批示');
    const deadline = new Date(Date.now() + 20 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await step(page, 'instruct', {
      comment: '请县发改局会同城关镇研究资金筹措方案，12月中旬前报县委。',
      fill: async (d) => {
        await d.getByTestId('create-assignment').check();
        await pick(page, d, '交办承办单位', '示例县发展和改革局');
        await pickDate(d, '交办期限', deadline);
      },
      state: /承办中/,
    });
    const linked = page.getByTestId('document-assignment-link');
    await linked.waitFor();
    await shot(page, 'doc-04-instructed');
    await page.context().close();

    // The assignment is in 县发改局's inbox.
    page = await loginAs('fagaiju');
    await page.goto(`${e2e.baseUrl}/inbox`);
    await page.locator('tr', { hasText: TITLE }).filter({ hasText: '签收' }).first().waitFor();
    await page.context().close();
  });

  it('the 县委办 concludes it with a reply, which 城关镇 sees on its own document', async () => {
    let page = await loginAs('wenshu');
    await page.goto(`${e2e.baseUrl}${incomingPath}`);
    await step(page, 'conclude', { comment: '已由县发改局牵头研究资金筹措方案。', fill: (d) => d.getByLabel('答复内容').fill('县委已批示，由县发改局牵头研究解决。'), state: /已办结/ });
    await page.context().close();

    page = await loginAs('chengguan');
    await page.goto(`${e2e.baseUrl}${draftPath}`);
    await page.getByTestId('document-history-entry').filter({ hasText: '县委已批示，由县发改局牵头研究解决。' }).waitFor();
    assert.equal(await page.getByTestId('distribution-unsigned-count').textContent().then((t) => t?.match(/\d+/)?.[0]), '0');
    await page.context().close();
  });
});
