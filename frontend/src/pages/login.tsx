// 登录: Directus e-mail and password; the session cookie is set by the server.
// An expired session lands here and says so in Chinese.

import { useLogin, useTranslate } from '@refinedev/core';
import { Alert, Button, Form, Input } from 'antd';
import { EntryCard } from '../components/entry-card.tsx';
import { useState } from 'react';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { PASSWORD_CHANGED } from '../account.ts';
import { EXPIRED, OTP_NEEDED } from '../providers/auth-provider.ts';

export function LoginPage() {
  const t = useTranslate();
  const expired = sessionStorage.getItem(EXPIRED) === '1';
  const changed = sessionStorage.getItem(PASSWORD_CHANGED) === '1';
  const { mutate: login, isPending, error } = useLogin<{ email: string; password: string; otp?: string }>();
  const failure = error as { name?: string; message?: string } | null;
  // Asked for after a first try without it (this page may be drawn anew meanwhile): the
  // account signs in with a one-time code too; its e-mail is kept, the password typed again.
  const [form] = Form.useForm<{ email: string; password: string; otp?: string }>();
  const [otpFor, setOtpFor] = useState(() => sessionStorage.getItem(OTP_NEEDED));
  const email = Form.useWatch('email', form);
  const otpNeeded = otpFor !== null && (email === undefined || email === otpFor);
  const submit = (values: { email: string; password: string; otp?: string }) =>
    login(values, { onSuccess: (answer) => !answer.success && setOtpFor(sessionStorage.getItem(OTP_NEEDED)) });
  return (
    <EntryCard title={t('app.title')} width={380} titleGap={24}>
      {changed && !failure && (
        <Alert type="success" showIcon message={t('account.changed')} style={{ marginBottom: 16 }} data-testid="password-changed" />
      )}
      {expired && !changed && !failure && (
        <Alert type="warning" showIcon message={t('auth.expired')} style={{ marginBottom: 16 }} data-testid="expired" />
      )}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ email: otpFor ?? undefined }}>
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
        {otpNeeded && (
          <Form.Item name="otp" label={t('tfa.otp')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('tfa.otpInvalid') }]}>
            <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} size="large" autoFocus />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={isPending}>
          {t('pages.login.signin')}
        </Button>
      </Form>
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <LanguageSwitch />
      </div>
    </EntryCard>
  );
}
