import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { App } from './App';
import { ToastHost } from './toast';
import { LocaleContext, TextsContext, textsFor, type Locale } from './i18n';

function Root() {
  const [locale, setLocale] = useState<Locale>(() => (localStorage.getItem('kefu.console.locale') === 'en' ? 'en' : 'zh-CN'));
  const switchLocale = (next: Locale) => {
    localStorage.setItem('kefu.console.locale', next);
    setLocale(next);
  };
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <LocaleContext.Provider value={locale}>
        <TextsContext.Provider value={textsFor(locale)}>
          <AntApp>
            <ToastHost />
            <App locale={locale} onLocale={switchLocale} />
          </AntApp>
        </TextsContext.Provider>
      </LocaleContext.Provider>
    </ConfigProvider>
  );
}

// A panel's error boundary has handled what it caught (it shows 这部分出错了 and a retry): a
// warning, not the console error React would log for it.
createRoot(document.getElementById('root')!, { onCaughtError: (error, info) => console.warn('panel failed', error, info.componentStack) }).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
