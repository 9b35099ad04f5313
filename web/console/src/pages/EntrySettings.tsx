import { useEffect, useState } from 'react';
import { Button, Card, Col, ColorPicker, Form, Input, Radio, Row, Select, Space, Switch, Typography, Upload } from 'antd';
import { toast } from '../toast';
import { api, apiUpload, ApiError } from '../api';
import { codesOf, useLabel, useT, useTr } from '../i18n';
import type { EntryConfig } from '../../../../shared/schemas';
import { entryView } from '../../../../miniprogram/components/kf-entry/entryView';
import entryCss from '../../../../miniprogram/components/kf-entry/index.acss?raw';
import { builtInEntryIcons, MAX_ENTRY_ICON_BYTES } from '../../../../shared/merchant/entryIcons';

/** The preview phone is 750 rpx drawn in 375 CSS px, as a 375 pt phone shows it: 1 rpx = 0.5 px. */
const PX_PER_RPX = 0.5;
const rpx = (text: string) => text.replace(/(-?\d+(?:\.\d+)?)rpx/g, (_, n: string) => `${Number(n) * PX_PER_RPX}px`);
/** kf-entry's own stylesheet, scaled to the preview phone and kept inside it. */
const previewCss = rpx(entryCss).replace(/\.kf-entry/g, '.entry-preview .kf-entry');

/**
 * Where the preview loads an image icon from. Users load exactly the stored https URL; only a
 * console served over plain http (the dev server, which has no TLS) loads an icon of its own host
 * from that same server over http, since the https address cannot answer there. Same bytes.
 */
function previewSrc(icon: string): string {
  try {
    const url = new URL(icon);
    return location.protocol === 'http:' && url.host === location.host ? `${location.origin}${url.pathname}` : icon;
  } catch {
    return icon;
  }
}

/** A built-in icon as the button draws it (its own class and stylesheet), small, for the choice list. */
function IconSample({ name }: { name: string }) {
  return (
    <span className="entry-preview" style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: 36, height: 36, marginRight: 6, borderRadius: '50%', background: '#1677ff', color: '#fff', verticalAlign: 'middle' }}>
      <span className={`kf-entry__icon kf-entry__${name}`} style={{ display: 'block' }} />
    </span>
  );
}

/**
 * The kf-entry button as users get it: the component's own view function (entryView) and its own
 * stylesheet (index.acss) and markup, in a phone-sized frame whose transform makes the button's
 * `position: fixed` relative to the frame.
 */
function EntryPreview({ c }: { c: EntryConfig }) {
  const view = entryView({ unread: 2 } as Parameters<typeof entryView>[0], c);
  const style = Object.fromEntries(view.style.split(';').filter(Boolean).map((d) => { const i = d.indexOf(':'); return [d.slice(0, i), rpx(d.slice(i + 1))]; })) as React.CSSProperties;
  return (
    <div className="entry-preview" style={{ position: 'relative', transform: 'translateZ(0)', width: 375, height: 667, border: '8px solid #262626', borderRadius: 24, background: '#f5f6f8', overflow: 'hidden' }}>
      <div className={`kf-entry kf-entry-preview ${view.placementClass}`} style={style} role="button" aria-label={view.label}>
        {view.icon ? <img className="kf-entry__icon" src={previewSrc(view.icon)} alt="" style={{ objectFit: 'contain' }} /> : <div className={`kf-entry__icon ${view.iconClass}`} />}
        {view.label && <span className="kf-entry__label">{view.label}</span>}
        {view.badge && <div className="kf-entry__badge">{view.badge}</div>}
      </div>
    </div>
  );
}

/** The entry button's look: colour, corner, offsets, label, badge and icon (a built-in one, an uploaded or linked image). */
export function EntrySettings() {
  const t = useT();
  const tr = useTr();
  const label = useLabel();
  const [config, setConfig] = useState<EntryConfig>();
  // The image last set, so switching to a built-in icon and back keeps it.
  const [image, setImage] = useState('');
  // 自定义图片 stays chosen while its address is being typed or cleared (it had vanished with the
  // first edit that did not start with https:, taking the field being typed in with it).
  const [imageChosen, setImageChosen] = useState(false);
  // The preview loads a typed address once the typing pauses, not at every keystroke.
  const [previewIcon, setPreviewIcon] = useState<string>();
  useEffect(() => {
    void api<EntryConfig>('GET', '/v1/merchant/entry-config').then(setConfig, () => undefined);
  }, []);
  const typedIcon = config?.icon;
  useEffect(() => {
    const timer = setTimeout(() => setPreviewIcon(typedIcon), 600);
    return () => clearTimeout(timer);
  }, [typedIcon]);
  if (!config) return null;
  const save = async () => {
    try {
      setConfig(await api<EntryConfig>('PUT', '/v1/merchant/entry-config', config));
      void toast.success(t.saved);
    } catch (err) {
      void toast.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  const customIcon = imageChosen || (config.icon !== '' && !(builtInEntryIcons as readonly string[]).includes(config.icon));
  const iconChoice = customIcon ? 'image' : config.icon || 'headset';
  const setIcon = (icon: string) => {
    if (/^https:/.test(icon)) setImage(icon);
    setConfig({ ...config, icon });
  };
  const uploadIcon = async (file: File) => {
    // The server checks the bytes too; these two are said here without a refused request.
    if (file.type !== 'image/png' && file.type !== 'image/jpeg') return void toast.error(tr('图标仅支持 PNG 或 JPEG 图片'));
    if (file.size > MAX_ENTRY_ICON_BYTES) return void toast.error(tr(`图标不能超过 ${MAX_ENTRY_ICON_BYTES / 1024} KB`));
    const form = new FormData();
    form.set('file', file);
    try {
      setIcon((await apiUpload<{ url: string }>('/v1/merchant/entry-icon', form)).url);
      void toast.success(tr('图标已上传'));
    } catch (err) {
      void toast.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Card title={t.entryStyle} size="small">
      {/* kf-entry's stylesheet once for the page: the preview and the icon samples both use it. */}
      <style>{previewCss}</style>
      <Row gutter={24}>
        <Col span={12}>
          <Form layout="vertical">
            <Form.Item label={t.color}>
              <Space.Compact>
                <Input id="entry-color" value={config.color} maxLength={7} onChange={(e) => setConfig({ ...config, color: e.target.value })} />
                <ColorPicker value={config.color} onChange={(c) => setConfig({ ...config, color: c.toHexString() })} />
              </Space.Compact>
            </Form.Item>
            <Form.Item label={t.placement}>
              <Select className="entry-placement" value={config.placement} onChange={(placement) => setConfig({ ...config, placement })} options={codesOf('placement').map((p) => ({ value: p as EntryConfig['placement'], label: label('placement', p) }))} />
            </Form.Item>
            <Form.Item label={t.label} extra={tr('圆形按钮里一行显示约 4 个字,更长的以…结尾')}>
              <Input id="entry-label" value={config.label} maxLength={8} showCount onChange={(e) => setConfig({ ...config, label: e.target.value })} />
            </Form.Item>
            <Form.Item label={tr('图标')}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Radio.Group
                  className="entry-icon-kind"
                  value={iconChoice}
                  onChange={(e) => {
                    setImageChosen(e.target.value === 'image');
                    setIcon(e.target.value === 'image' ? image || 'https://' : String(e.target.value));
                  }}
                  options={[
                    ...builtInEntryIcons.map((name) => ({ value: name, label: <span className={`entry-icon-${name}`}><IconSample name={name} />{label('entryIcon', name)}</span> })),
                    { value: 'image', label: <span className="entry-icon-image">{tr('自定义图片')}</span> },
                  ]}
                />
                {customIcon && (
                  <>
                    <Space>
                      <Upload className="entry-icon-upload" accept="image/png,image/jpeg" showUploadList={false} beforeUpload={(file) => { void uploadIcon(file); return false; }}>
                        <Button>{tr('上传图片')}</Button>
                      </Upload>
                      <Typography.Text type="secondary">{tr('PNG 或 JPEG,不超过 50 KB、512×512')}</Typography.Text>
                    </Space>
                    <Input id="entry-icon" aria-label={tr('图片地址 (https)')} value={config.icon} maxLength={500} placeholder={`${tr('图片地址 (https)')}: https://`} onChange={(e) => setIcon(e.target.value)} />
                  </>
                )}
              </Space>
            </Form.Item>
            <Form.Item label={tr('偏移 X / Y (rpx)')}>
              <Space.Compact>
                <Input style={{ width: 100 }} type="number" value={config.offsetX} onChange={(e) => setConfig({ ...config, offsetX: Number(e.target.value) })} />
                <Input style={{ width: 100 }} type="number" value={config.offsetY} onChange={(e) => setConfig({ ...config, offsetY: Number(e.target.value) })} />
              </Space.Compact>
            </Form.Item>
            <Form.Item label={tr('角标')}>
              <Switch checked={config.showBadge} onChange={(showBadge) => setConfig({ ...config, showBadge })} />
            </Form.Item>
            <Button type="primary" className="save-entry" onClick={() => void save()}>{t.save}</Button>
          </Form>
        </Col>
        <Col span={12}>
          <div style={{ marginBottom: 8 }}>{t.preview}</div>
          <EntryPreview c={{ ...config, icon: previewIcon ?? config.icon }} />
        </Col>
      </Row>
    </Card>
  );
}
