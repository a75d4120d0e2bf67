/**
 * E2E harness (the web app is built by scripts/test.mjs beforehand): a real server (fresh SQLite data directory, demo organisation with a known password)
 * on a free loopback port, and headless Chromium from @sparticuz/chromium driven by playwright-core.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { loadConfig } from '../apps/server/src/config.ts';
import { startServer } from '../apps/server/src/server.ts';
import { seedDemo } from '../apps/server/src/seed/demo.ts';
import { createContext } from '../apps/server/src/context.ts';
import { migrateToLatest, openDatabase } from '@zhongshu/db';

export const DEMO_PASSWORD = 'Demo-e2e-Passw0rd';
export const SCREENSHOTS = path.join(os.tmpdir(), 'zhongshu-e2e-screens');

export interface E2E {
  baseUrl: string;
  /** One-time passwords of the three administrators, as printed at the first start. */
  adminPasswords: Record<string, string>;
  browser: Browser;
  newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; context: BrowserContext }>;
  /** Moves the server's clock forward (a deadline passes without waiting for it); sessions age with it. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-e2e-'));
  // Seed the demo organisation with a password the test knows, before the server's own first start.
  const seedConfig = loadConfig({ ZHONGSHU_DATA_DIR: dataDir } as NodeJS.ProcessEnv);
  const handle = openDatabase({ dataDir });
  const seedCtx = createContext(handle, seedConfig);
  await migrateToLatest(seedCtx.db);
  await seedDemo(seedCtx, { password: DEMO_PASSWORD });
  await handle.close();

  // ZHONGSHU_WEB_DIR serves another build of the web app (a developer's, checked without touching apps/web/dist).
  const config = loadConfig({ ZHONGSHU_DATA_DIR: dataDir, ZHONGSHU_WEB_DIR: process.env.ZHONGSHU_WEB_DIR } as NodeJS.ProcessEnv, { port: 0, host: '127.0.0.1', logLevel: 'silent' });
  const adminPasswords: Record<string, string> = {};
  let clockOffsetMs = 0;
  const server = await startServer(
    config,
    (line) => {
      const m = /用户名 (\S+)\s+一次性密码 (\S+)/.exec(line);
      if (m) adminPasswords[m[1]] = m[2];
    },
    () => new Date(Date.now() + clockOffsetMs),
  );
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await playwright.launch({
    executablePath: await chromium.executablePath(),
    // --single-process (meant for AWS Lambda) ends the whole browser when one context closes.
    args: [...chromium.args.filter((a) => a !== '--single-process'), '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    headless: true,
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    adminPasswords,
    browser,
    async newPage(viewport = { width: 1366, height: 800 }) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      return { page, context };
    },
    advanceClock(ms: number) {
      clockOffsetMs += ms;
    },
    async close() {
      await browser.close();
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login page as a demo user and waits for the header's inbox count. */
export async function loginAs(e2e: E2E, username: string, viewport?: { width: number; height: number }): Promise<Page> {
  const { page } = await e2e.newPage(viewport);
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByTestId('inbox-count').waitFor();
  return page;
}

/**
 * Waits until no antd dialog is still opening: a click during the opening animation can be lost on a loaded
 * machine, and the test then waits for a dialog that never closes.
 */
export async function dialogSettled(page: Page): Promise<void> {
  await page.getByRole('dialog').last().waitFor();
  await animationsSettled(page);
}

/** Waits until no antd dialog or dropdown is still opening (the same lost-click risk as {@link dialogSettled}). */
export async function animationsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.ant-zoom-appear, .ant-zoom-enter, .ant-move-up-appear, .ant-slide-up-appear, .ant-slide-up-enter'));
}

/**
 * Opens an action's modal with its button, waits for it to settle, lets `fill` fill it, confirms with
 * `confirm` (a test id inside the dialog) and waits for it to close; when it stays open the error names
 * what the dialog shows. One helper for every spec, so that each waits for the opening animation the same way.
 */
export async function actInDialog(
  page: Page,
  o: { open: Locator; confirm: string; fill?: (dialog: Locator) => Promise<void>; name: string },
): Promise<void> {
  await o.open.click();
  await dialogSettled(page);
  const dialog = page.getByRole('dialog').last();
  if (o.fill) await o.fill(dialog);
  await animationsSettled(page);
  await dialog.getByTestId(o.confirm).click();
  await dialog.waitFor({ state: 'hidden' }).catch(async (e: unknown) => {
    await shot(page, `failed-${o.name}`);
    throw new Error(`the ${o.name} dialog stayed open; it shows: ${(await dialog.textContent().catch(() => ''))?.slice(0, 300)}`, { cause: e });
  });
}

/**
 * Picks an option of an antd Select or TreeSelect (`select` is its root, where the data-testid sits) by the
 * option's text, and checks the field shows it. On a loaded machine a list still opening can swallow the
 * first click or keystrokes, so the search is typed once the list has settled, and a pick that did not
 * take (or an option that never showed) is tried again.
 */
export async function pickOption(page: Page, select: Locator, option: string, search = option): Promise<void> {
  const input = select.locator('input').first();
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await page.locator('.ant-select-dropdown:visible').first().waitFor();
    await animationsSettled(page);
    // A Select without search has a read-only input: its options are picked from the list as it stands.
    if (await input.isEditable()) await input.fill(search);
    const item = page.locator('.ant-select-dropdown:visible').locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: option }).first();
    const found = await item.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (found) await item.click();
    await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    const shown = (await select.textContent()) ?? '';
    if (shown.includes(option)) return;
    if (attempt === 3) assert.fail(`the field did not take "${option}"${found ? '' : ' (the option never showed)'}; it shows "${shown}"`);
  }
}

/**
 * Types a date into an antd DatePicker's input and leaves it with Tab, which commits it (Enter would also
 * submit the surrounding form), then checks the input keeps it.
 */
export async function pickDate(input: Locator, date: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await input.fill(date);
    await input.press('Tab');
    await input.page().locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
    const value = await input.inputValue();
    if (value === date) return;
    if (attempt === 3) assert.fail(`the date picker shows "${value}", not ${date}`);
  }
}

/** Shanghai wall-clock text "YYYY-MM-DD HH:mm" of an instant, as the date-time pickers take it. */
export function shanghaiMinute(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Types a date-time into the picker of the form item labelled `label` and commits it with Enter. */
export async function pickDateTime(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await input.fill(value);
    await input.press('Enter');
    await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' }).catch(() => page.keyboard.press('Escape'));
    if ((await input.inputValue()) === value) return;
    if (attempt === 3) assert.fail(`${label} shows "${await input.inputValue()}", not ${value}`);
  }
}

/**
 * Calls the API as the page's signed-in user (its session cookie and CSRF token): for a spec to read back
 * exactly what the pages did, or to let units the spec does not drive through the pages take their step.
 */
export async function apiAs(e2e: E2E, page: Page, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, data?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = ((await (await page.request.get(`${e2e.baseUrl}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
  const res = await page.request.fetch(`${e2e.baseUrl}${url}`, { method, data, headers });
  const text = await res.text();
  return { status: res.status(), body: text ? (JSON.parse(text) as unknown) : null };
}

/** A full-page screenshot in SCREENSHOTS, for a person to look at after the run. */
export function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The header's to-do count once its first count has arrived (it shows … before). */
export async function currentCount(page: Page): Promise<number> {
  await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="inbox-count"]')?.textContent?.trim() ?? ''));
  return Number((await page.getByTestId('inbox-count').textContent())?.trim());
}

/** Waits for the header's to-do count to read `expected`, and fails naming what it read instead. */
export async function inboxCount(page: Page, expected: number): Promise<void> {
  await page
    .waitForFunction((n) => document.querySelector('[data-testid="inbox-count"]')?.textContent?.trim() === String(n), expected, { timeout: 15_000 })
    .catch(async () => {
      const actual = await page.getByTestId('inbox-count').textContent();
      if (actual?.trim() !== String(expected)) throw new Error(`inbox count in the header: expected ${expected}, read ${actual?.trim()}`);
    });
}
