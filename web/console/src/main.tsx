import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { App } from './App';
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
          <App locale={locale} onLocale={switchLocale} />
        </TextsContext.Provider>
      </LocaleContext.Provider>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
