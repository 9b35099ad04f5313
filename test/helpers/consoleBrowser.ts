import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../scripts/build/build-console';
import { startTestServer, type TestServer } from './testServer';

/** Debian's Chromium (scripts/install/ensure-debian-deps.sh installs it), driven by playwright-core. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });

/**
 * For one describe block: the console built, a test server (long-polls of 25 s, no OCR, plus
 * `env`) and Chromium, both closed after the block. `ready` gets them once they run.
 */
export function consoleInChromium(ready: (server: TestServer, browser: Browser) => void, env: Record<string, string> = {}): void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensureConsoleBuilt();
    server = await startTestServer({ KEFU_LONGPOLL_TIMEOUT_MS: '25000', KEFU_OCR: 'off', ...env });
    browser = await launchChromium();
    ready(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}

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
