import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { encodePng } from '../helpers/mediaFixtures';
import { consoleInChromium } from '../helpers/consoleBrowser';
import type { TestServer } from '../helpers/testServer';
import { builtInEntryIcons } from '../../shared/merchant/entryIcons';

jest.setTimeout(120_000);

const shots = path.resolve(__dirname, '../../test-artifacts/console');

/** A 64×64 icon: a white disc on black, so the preview shows it is the picture and not a drawn icon. */
function discPng(): Buffer {
  const size = 64;
  const raw = Buffer.alloc((size + 1) * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) raw[y * (size + 1) + 1 + x] = (x - 31.5) ** 2 + (y - 31.5) ** 2 < 26 ** 2 ? 255 : 0;
  return encodePng(size, size, 8, raw);
}

/**
 * 入口按钮 settings in Chromium at 1366x768: an admin picks each built-in icon and the preview
 * (kf-entry's own view function and stylesheet) draws it; then uploads an own PNG, the preview
 * shows that picture, and the saved settings carry its https URL for the mini-program.
 */
describe('console entry-button icon in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  consoleInChromium((s, b) => ((server = s), (browser = b)));
  beforeAll(() => {
    mkdirSync(shots, { recursive: true });
  });

  const preview = (page: Page) => page.locator('.kf-entry-preview');

  it('chooses a built-in icon and uploads one; the preview shows each, zero page or console errors', async () => {
    // Twice the pixels, so the close-ups of the button show the drawn icons clearly.
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    page.on('response', (r) => r.status() >= 400 && errors.push(`response: ${r.status()} ${r.url()}`));
    await page.goto(`${server.url}/console/`);
    await page.fill('#login-username', 'admin');
    await page.fill('#login-password', 'Kefu@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.locator('.ant-layout-header').waitFor();
    await page.goto(`${server.url}/console/#/settings`);
    await preview(page).waitFor();

    // Each built-in icon: chosen by its Chinese name, drawn in the preview by kf-entry's class, and
    // each one looks different (the preview's pixels change with the choice).
    const looks = new Set<string>();
    for (const [name, zh] of builtInEntryIcons.map((n) => [n, { headset: '耳机', chat: '对话气泡', question: '问号', phone: '手机' }[n]] as const)) {
      await page.locator('.entry-icon-kind label', { hasText: zh }).click();
      const icon = preview(page).locator('.kf-entry__icon');
      await preview(page).locator(`.kf-entry__${name}`).waitFor();
      expect(await icon.count()).toBe(1);
      expect(await preview(page).locator('img').count()).toBe(0);
      looks.add((await preview(page).screenshot({ path: path.join(shots, `entry-icon-${name}-button.png`) })).toString('base64'));
      if (name === 'question') expect(await page.evaluate<string>("getComputedStyle(document.querySelector('.kf-entry-preview .kf-entry__icon'), '::before').content")).toBe('"?"');
    }
    expect(looks.size).toBe(builtInEntryIcons.length);
    await page.locator('.entry-icon-kind').screenshot({ path: path.join(shots, 'entry-icon-choices.png') });

    await page.locator('.entry-icon-kind label', { hasText: '对话气泡' }).click();
    await page.locator('.save-entry').click();
    await page.getByText('已保存').waitFor();
    expect((await server.call('GET', '/v1/entry-config?tenant=demo')).json['icon']).toBe('chat');
    await page.locator('.entry-preview').first().waitFor();
    await page.screenshot({ path: path.join(shots, 'entry-icon-chat.png') });

    // An own icon: uploaded through the media store; the preview shows the picture itself.
    await page.locator('.entry-icon-kind label', { hasText: '自定义图片' }).click();
    const requests: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/merchant/entry-icon') && requests.push(r.method()));
    // Too big or not a PNG/JPEG: said at once, nothing sent (the server would refuse it too).
    await page.locator('.entry-icon-upload input[type=file]').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.concat([discPng(), Buffer.alloc(60 * 1024)]) });
    await page.getByText('图标不能超过 50 KB').waitFor();
    await page.locator('.entry-icon-upload input[type=file]').setInputFiles({ name: 'anim.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await page.getByText('图标仅支持 PNG 或 JPEG 图片').waitFor();
    expect(requests).toEqual([]);
    await page.locator('.entry-icon-upload input[type=file]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: discPng() });
    await page.getByText('图标已上传').waitFor();
    expect(requests).toEqual(['POST']);
    const img = preview(page).locator('img.kf-entry__icon');
    await img.waitFor();
    // Loaded, not broken: the picture's own 64 px width.
    await page.waitForFunction("document.querySelector('.kf-entry-preview img')?.naturalWidth === 64");
    const url = await page.locator('#entry-icon').inputValue();
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\/entry-icon\/demo\/icon[0-9a-f]{32}$/);
    expect(await img.getAttribute('src')).toContain(new URL(url).pathname);
    const saved = page.waitForResponse((r) => r.url().endsWith('/v1/merchant/entry-config') && r.request().method() === 'PUT');
    await page.locator('.save-entry').click();
    expect((await saved).status()).toBe(200);
    // What the mini-program's kf-entry reads next launch: the uploaded icon's https URL.
    expect((await server.call('GET', '/v1/entry-config?tenant=demo')).json['icon']).toBe(url);
    await page.screenshot({ path: path.join(shots, 'entry-icon-upload.png') });
    await preview(page).screenshot({ path: path.join(shots, 'entry-icon-upload-preview.png') });

    // Back to a built-in icon and to the image again: the upload is remembered.
    await page.locator('.entry-icon-kind label', { hasText: '问号' }).click();
    await preview(page).locator('.kf-entry__question').waitFor();
    await page.locator('.entry-icon-kind label', { hasText: '自定义图片' }).click();
    expect(await page.locator('#entry-icon').inputValue()).toBe(url);
    // Editing the address keeps the field and the choice, even cleared or not yet https (the walk
    // saw the field vanish under the cursor at the first such keystroke).
    for (const typing of ['', 'http', 'https:/']) {
      await page.fill('#entry-icon', typing);
      expect(await page.locator('#entry-icon').isVisible()).toBe(true);
      expect(await page.locator('.entry-icon-kind input[value=image]').isChecked()).toBe(true);
    }
    await page.fill('#entry-icon', url);
    await page.waitForFunction("document.querySelector('.kf-entry-preview img')?.naturalWidth === 64");

    expect(errors).toEqual([]);
    await page.close();
  });
});
