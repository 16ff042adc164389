// The office header: who is signed in, in which unit, the language switch.

import { useGetIdentity, useGetLocale, useSetLocale, useTranslate } from '@refinedev/core';
import { Button, Layout, Space, Typography } from 'antd';
import type { Identity } from '../providers/auth-provider.ts';

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

export function Header() {
  const { data: me } = useGetIdentity<Identity>();
  return (
    <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', padding: '0 24px', height: 56 }}>
      <Space>
        <Typography.Text data-testid="identity">
          {me?.unit?.name ? `${me.unit.name} · ` : ''}
          {me?.name}
        </Typography.Text>
        <LanguageSwitch />
      </Space>
    </Layout.Header>
  );
}
