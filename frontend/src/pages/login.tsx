// 登录: Directus e-mail and password; the session cookie is set by the server.
// An expired session lands here and says so in Chinese.

import { useLogin, useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Form, Input } from 'antd';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { PASSWORD_CHANGED } from '../account.ts';
import { EXPIRED } from '../providers/auth-provider.ts';

export function LoginPage() {
  const t = useTranslate();
  const expired = sessionStorage.getItem(EXPIRED) === '1';
  const changed = sessionStorage.getItem(PASSWORD_CHANGED) === '1';
  const { mutate: login, isPending, error } = useLogin<{ email: string; password: string }>();
  const failure = error as { name?: string; message?: string } | null;
  return (
    <div
      style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f5ff', padding: 16 }}
    >
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <h1 style={{ textAlign: 'center', fontSize: 22, fontWeight: 600, margin: '0 0 24px' }}>{t('app.title')}</h1>
        {changed && !failure && (
          <Alert type="success" showIcon message={t('account.changed')} style={{ marginBottom: 16 }} data-testid="password-changed" />
        )}
        {expired && !changed && !failure && (
          <Alert type="warning" showIcon message={t('auth.expired')} style={{ marginBottom: 16 }} data-testid="expired" />
        )}
        <Form layout="vertical" requiredMark={false} onFinish={(values) => login(values)}>
          <Form.Item
            name="email"
            label={t('pages.login.fields.email')}
            rules={[
              { required: true, message: t('pages.login.errors.requiredEmail') },
              { type: 'email', message: t('pages.login.errors.validEmail') },
            ]}
          >
            <Input autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('pages.login.fields.password')}
            rules={[{ required: true, message: t('pages.login.errors.requiredPassword') }]}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={isPending}>
            {t('pages.login.signin')}
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <LanguageSwitch />
        </div>
      </Card>
    </div>
  );
}
