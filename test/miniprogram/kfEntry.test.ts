/**
 * @jest-environment jsdom
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Transport, TransportRequest } from '../../shared/client';
import { ComponentInstance, installMy, loadComponent, until } from './componentHarness';
import { fakeRequestApi, fakeStorageApis } from './fakeMyApis';
import { renderComponent } from './renderComponent';
import { eventHandlers } from './axmlToWxml';
import { builtInEntryIcons } from '../../shared/merchant/entryIcons';

const dir = path.join(__dirname, '../../miniprogram/components/kf-entry');
const API = 'https://kefu.example.com';

/** The entry-config endpoint: per-tenant styles, or down. */
function entryBackend(styles: Record<string, Record<string, unknown>>) {
  const state = { down: false };
  const transport: Transport = {
    request(req: TransportRequest) {
      if (state.down) return Promise.reject(new Error('offline'));
      const tenant = new URL(req.url).searchParams.get('tenant') ?? '';
      const style = styles[tenant];
      return Promise.resolve(style ? { status: 200, body: style } : { status: 404, body: { code: 'TENANT_NOT_FOUND', message: '商户不存在' } });
    },
  };
  return { state, transport };
}

function setup(styles: Record<string, Record<string, unknown>>) {
  const backend = entryBackend(styles);
  const calls: string[] = [];
  const storage = fakeStorageApis();
  installMy({ ...fakeRequestApi(backend.transport, calls), ...storage });
  const def = loadComponent(dir);
  const mount = (props: Record<string, unknown> = {}) => new ComponentInstance(def, { apiOrigin: API, ...props }).mount();
  return { backend, calls, storage, def, mount };
}

const acme = { placement: 'top-left', offsetX: 40, offsetY: 200, icon: '', color: '#ff6600', label: '问问', showBadge: true };

describe('kf-entry: the floating service button', () => {
  afterEach(() => jest.restoreAllMocks());

  it('starts with the defaults and then takes the merchant style from /v1/entry-config', async () => {
    const { mount, calls } = setup({ demo: acme });
    const entry = mount();
    expect(entry.data).toMatchObject({ placementClass: 'kf-entry--bottom-right', label: '客服', badge: '' });
    await until(() => entry.data['placementClass'] === 'kf-entry--top-left', 'the merchant style');
    expect(entry.data).toEqual({ placementClass: 'kf-entry--top-left', style: '--kf-entry-color:#ff6600;--kf-entry-x:40rpx;--kf-entry-y:200rpx;', icon: '', iconClass: 'kf-entry__headset', label: '问问', badge: '' });
    expect(calls).toEqual([`GET ${API}/v1/entry-config?tenant=demo`]);
  });

  it('caches the style for five minutes, then asks again (a console change shows without a release)', async () => {
    const { mount, calls } = setup({ demo: acme });
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-11-25T10:00:00Z'));
    const first = mount();
    await until(() => first.data['label'] === '问问', 'first style');
    acme.color = '#00aa00';
    const second = mount();
    await until(() => second.data['label'] === '问问', 'cached style');
    expect(second.data['style']).toContain('#ff6600');
    expect(calls).toHaveLength(1);
    now.mockReturnValue(Date.parse('2026-11-25T10:05:01Z'));
    const third = mount();
    await until(() => String(third.data['style']).includes('#00aa00'), 'the changed style');
    expect(calls).toHaveLength(2);
    acme.color = '#ff6600';
  });

  it('lets props override the merchant style, and ignores values that are not valid', async () => {
    const { mount } = setup({ demo: acme });
    const entry = mount({ color: '#123456', placement: 'bottom-left', label: '帮助', offsetX: -4, icon: 'javascript:alert(1)' });
    await until(() => String(entry.data['style']).includes('200rpx'), 'the merchant offsets');
    // offsetX -4 is refused, so the merchant's 40 applies; the script URL is refused, so no icon.
    expect(entry.data).toMatchObject({ placementClass: 'kf-entry--bottom-left', style: '--kf-entry-color:#123456;--kf-entry-x:40rpx;--kf-entry-y:200rpx;', label: '帮助', icon: '' });
    entry.update({ color: 'red;background:url(x)' });
    expect(entry.data['style']).toContain('--kf-entry-color:#ff6600;');
  });

  it('keeps the defaults when the backend cannot be reached, and the last style it had when stale', async () => {
    const { mount, backend, calls } = setup({ demo: acme });
    backend.state.down = true;
    const offline = mount();
    await until(() => calls.length === 1, 'the failed fetch');
    await new Promise((r) => setTimeout(r, 10));
    expect(offline.data['placementClass']).toBe('kf-entry--bottom-right');

    backend.state.down = false;
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-11-25T10:00:00Z'));
    const online = mount();
    await until(() => online.data['label'] === '问问', 'style');
    backend.state.down = true;
    now.mockReturnValue(Date.parse('2026-11-25T11:00:00Z'));
    const stale = mount();
    await until(() => calls.length === 3, 'the second failed fetch');
    await until(() => stale.data['label'] === '问问', 'the stale style');
  });

  it('shows unread replies on the badge (99+ past 99) unless the merchant turned the badge off', async () => {
    const { mount } = setup({ demo: acme, quiet: { ...acme, showBadge: false } });
    const entry = mount();
    await until(() => entry.data['label'] === '问问', 'style');
    entry.update({ unread: 5 });
    expect(entry.data['badge']).toBe('5');
    entry.update({ unread: 150 });
    expect(entry.data['badge']).toBe('99+');
    entry.update({ unread: 0 });
    expect(entry.data['badge']).toBe('');
    entry.update({ tenant: 'quiet', unread: 3 });
    await until(() => entry.data['badge'] === '' && entry.patches.length >= 5, 'the quiet merchant');
  });

  it('re-fetches when the tenant changes, and only re-renders for other prop changes', async () => {
    const { mount, calls } = setup({ demo: acme, other: { ...acme, label: '其他' } });
    const entry = mount();
    await until(() => entry.data['label'] === '问问', 'style');
    const patches = entry.patches.length;
    entry.update({ onTap: () => undefined });
    expect(entry.patches.length).toBe(patches);
    entry.update({ tenant: 'other' });
    await until(() => entry.data['label'] === '其他', 'the other merchant');
    expect(calls.at(-1)).toBe(`GET ${API}/v1/entry-config?tenant=other`);
  });

  it('renders through miniprogram-simulate, and a tap calls onTap', async () => {
    const { mount } = setup({ demo: acme });
    const onTap = jest.fn();
    const entry = mount({ onTap, unread: 2 });
    await until(() => entry.data['label'] === '问问', 'style');
    const view = renderComponent(dir, entry);
    const html = view.html();
    expect(html).toContain('kf-entry--top-left');
    expect(html).toContain('--kf-entry-color:#ff6600');
    expect(html).toContain('问问');
    expect(view.comp.querySelector('.kf-entry__badge')?.dom?.textContent).toBe('2');
    expect(view.comp.querySelector('.kf-entry__headset')).toBeDefined();
    await view.fire('.kf-entry');
    expect(onTap).toHaveBeenCalledTimes(1);
  });

  it.each(builtInEntryIcons.map((name) => [name]))('draws the built-in %s icon with its own markup and stylesheet, no image', async (name) => {
    const { mount } = setup({ demo: { ...acme, icon: name } });
    const entry = mount();
    await until(() => entry.data['label'] === '问问', 'style');
    expect(entry.data).toMatchObject({ icon: '', iconClass: `kf-entry__${name}` });
    const view = renderComponent(dir, entry);
    expect(view.comp.querySelector(`.kf-entry__${name}`)).toBeTruthy();
    expect(view.comp.querySelectorAll('.kf-entry__icon')).toHaveLength(1);
    // miniprogram-simulate renders <image> as wx-image.
    expect(view.html()).not.toContain('wx-image');
    // The class is drawn by index.acss itself (a rule of its own), so nothing is fetched.
    const css = readFileSync(path.join(dir, 'index.acss'), 'utf8');
    expect(css).toMatch(new RegExp(`\\.kf-entry__${name}[ ,:{]`));
    expect(css).not.toMatch(/url\(/);
  });

  // <image src> takes a network address (platform-docs/alipay-open-docs: mini/component/基础组件/媒体组件/image 图片.md).
  it('shows an uploaded https icon as an image, the headset for an empty or unknown icon', async () => {
    const uploaded = 'https://kefu.example.com/v1/entry-icon/demo/icon0123456789abcdef0123456789abcdef';
    const { mount } = setup({ demo: { ...acme, icon: uploaded }, old: { ...acme, icon: '' } });
    const entry = mount();
    await until(() => entry.data['icon'] === uploaded, 'the uploaded icon');
    expect(entry.data['iconClass']).toBe('');
    const view = renderComponent(dir, entry);
    expect(view.html()).toContain('<wx-image class="kf-entry__icon"');
    expect(view.comp.querySelector('.kf-entry__headset')).toBeFalsy();

    const older = mount({ tenant: 'old' });
    await until(() => older.data['label'] === '问问', 'the older row');
    expect(older.data).toMatchObject({ icon: '', iconClass: 'kf-entry__headset' });
    // A prop naming no built-in icon is refused like any invalid value: the merchant's choice stays.
    const unknown = mount({ icon: 'rocket' });
    await until(() => unknown.data['icon'] === uploaded, 'the merchant icon');
    const chosen = mount({ icon: 'chat' });
    await until(() => chosen.data['label'] === '问问', 'style');
    expect(chosen.data).toMatchObject({ icon: '', iconClass: 'kf-entry__chat' });
  });

  it('names only handlers that exist in its methods', () => {
    const { def } = setup({});
    const handlers = eventHandlers(readFileSync(path.join(dir, 'index.axml'), 'utf8'));
    expect(handlers).toEqual(['handleTap']);
    for (const h of handlers) expect(typeof def.methods[h]).toBe('function');
  });
});
