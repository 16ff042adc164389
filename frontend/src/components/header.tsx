// The office header: who is signed in, in which unit, the language switch.

import { useGetIdentity, useTranslate } from '@refinedev/core';
import { Link } from 'react-router';
import { Layout, Space, Typography } from 'antd';
import { LanguageSwitch } from './language-switch.tsx';
import type { Identity } from '../providers/auth-provider.ts';

export function Header() {
  const { data: me } = useGetIdentity<Identity>();
  const t = useTranslate();
  return (
    <Layout.Header
      style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', padding: '0 24px', height: 56 }}
    >
      <Space>
        <Typography.Text data-testid="identity">
          {me?.unit?.name ? `${me.unit.name} · ` : ''}
          {me?.name}
        </Typography.Text>
        <Link to="/help" data-testid="help-link">
          {t('help.link')}
        </Link>
        <Link to="/password" data-testid="change-password">
          {t('account.link')}
        </Link>
        <Link to="/tfa" data-testid="tfa-link">
          {t('tfa.link')}
        </Link>
        <LanguageSwitch />
      </Space>
    </Layout.Header>
  );
}
