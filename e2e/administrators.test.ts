import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { animationsSettled, dialogSettled, SCREENSHOTS, startE2E, type E2E } from './harness.ts';

/**
 * 三员 in the browser: each administrator must change the one-time password at first login, then sees
 * only their own pages; the system administrator creates a user, the audit administrator checks the chain.
 */
describe('三员 administrators end to end (Chromium)', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
  });
  after(() => e2e?.close());

  const NEW_PASSWORD = 'Admin-Chg-2026!';

  async function firstLogin(username: string): Promise<Page> {
    const { page } = await e2e.newPage();
    await page.goto(`${e2e.baseUrl}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(e2e.adminPasswords[username]);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((u) => u.pathname === '/change-password');
    await page.getByLabel('初始密码').fill(e2e.adminPasswords[username]);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.waitForURL((u) => u.pathname !== '/change-password');
    return page;
  }

  const menu = async (page: Page) => (await page.locator('.ant-menu-item').allTextContents()).map((t) => t.trim());

  it('prints three one-time passwords at the first start', () => {
    assert.deepEqual(Object.keys(e2e.adminPasswords).sort(), ['auditadmin', 'secadmin', 'sysadmin']);
    for (const p of Object.values(e2e.adminPasswords)) assert.equal(p.length, 16);
  });

  it('the system administrator changes the password, sees only system pages, and creates a user', async () => {
    const page = await firstLogin('sysadmin');
    await page.locator('.ant-menu-item').first().waitFor();
    assert.deepEqual(await menu(page), ['组织机构', '用户管理', '日历与设置']);
    await page.goto(`${e2e.baseUrl}/assignments`);
    await page.getByText('无权访问').first().waitFor();
    await page.goto(`${e2e.baseUrl}/org/users`);
    await page.getByRole('button', { name: '新建用户' }).click();
    await dialogSettled(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('xinwenshu');
    await dialog.getByLabel('姓名').fill('新文书');
    await dialog.getByLabel('所属单位').click();
    await animationsSettled(page);
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '县委办公室' }).first().click();
    await dialog.getByRole('button', { name: /确\s*定|保\s*存/ }).click();
    const pw = page.getByTestId('initial-password');
    await pw.waitFor();
    assert.match((await pw.textContent()) ?? '', /^\S{16}/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '10-sysadmin-initial-password.png') });
    await page.context().close();
  });

  it('the audit administrator sees only the audit log and verifies the chain', async () => {
    const page = await firstLogin('auditadmin');
    await page.locator('.ant-menu-item').first().waitFor();
    assert.deepEqual(await menu(page), ['审计日志']);
    await page.goto(`${e2e.baseUrl}/audit`);
    await page.getByRole('button', { name: '校验哈希链' }).click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /完整/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '11-audit.png') });
    await page.context().close();
  });

  it('the security administrator sees only user security settings', async () => {
    const page = await firstLogin('secadmin');
    await page.locator('.ant-menu-item').first().waitFor();
    assert.deepEqual(await menu(page), ['用户管理']);
    await page.goto(`${e2e.baseUrl}/org/users`);
    assert.equal(await page.getByRole('button', { name: '新建用户' }).count(), 0);
    await page.context().close();
  });
});
