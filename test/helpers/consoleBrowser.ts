import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestServer } from './testServer';

/** Debian's Chromium (bin/ensure-debian-deps.sh installs it), driven by playwright-core. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });

/**
 * A console page that records every page error and console error (zero of each is part of done)
 * and numbered full-page screenshots in test-artifacts/<folder>.
 */
export interface ConsolePage {
  readonly page: Page;
  readonly errors: string[];
  shot(name: string): Promise<void>;
}

export async function openConsole(browser: Browser, server: TestServer, folder: string, viewport = { width: 1366, height: 768 }): Promise<ConsolePage> {
  const dir = path.resolve(__dirname, '../../test-artifacts', folder);
  mkdirSync(dir, { recursive: true });
  const page = await browser.newPage({ viewport, locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  let step = 0;
  await page.goto(`${server.url}/console/`);
  return {
    page,
    errors,
    shot: async (name) => {
      await page.screenshot({ path: path.join(dir, `${String(++step).padStart(2, '0')}-${name}.png`) });
    },
  };
}

/** Logs in on the login page as a new colleague would: the form, the button, the header. */
export async function logIn(page: Page, username: string, password = 'Kefu@2026'): Promise<void> {
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.ant-layout-header').waitFor();
}
