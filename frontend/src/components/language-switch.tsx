// 中文 / English.

import { useGetLocale, useSetLocale, useTranslate } from '@refinedev/core';
import { Button } from 'antd';

export function LanguageSwitch() {
  const t = useTranslate();
  const locale = useGetLocale()();
  const setLocale = useSetLocale();
  return (
    <Button type="link" onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')} data-testid="language-switch">
      {t('app.switchTo')}
    </Button>
  );
}
