// 绑定动态口令 (office): two-factor sign-in for administrators. The only screen of an
// administrator whose policies ask for it and who has not set it up (the server says
// so); else reached from the header. The password first, then a key shown as a QR
// code (drawn here, nothing fetched) for the phone's authenticator, then a code of it.

import { useTranslate } from '@refinedev/core';
import { Alert, Button, Form, Input, QRCode, Spin, Typography } from 'antd';
import { EntryCard } from '../components/entry-card.tsx';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { enableTfa, generateTfa, useAccountStatus, useAccountStep } from '../account.ts';

export function TfaPage() {
  const t = useTranslate();
  const navigate = useNavigate();
  const status = useAccountStatus(() => navigate('/login', { replace: true }));
  const [secret, setSecret] = useState<{ secret: string; otpauth_url: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, failure, run: act } = useAccountStep();

  if (!status) return <Spin style={{ display: 'block', margin: '20vh auto' }} />;
  return (
    <EntryCard title={t('tfa.title')} width={440} testId="tfa-page">
      {status.must_setup_tfa && status.reason && <Alert type="warning" showIcon message={status.reason} style={{ marginBottom: 16 }} />}
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} role="alert" />}
      {done || status.tfa_enabled ? (
        <>
          <Alert type="success" showIcon message={done ?? t('tfa.enabled')} data-testid="tfa-done" style={{ marginBottom: 16 }} />
          <Button type="primary" block onClick={() => window.location.assign('/app/')}>
            {t('account.back')}
          </Button>
        </>
      ) : !secret ? (
        <>
          <Typography.Paragraph type="secondary">{t('tfa.intro')}</Typography.Paragraph>
          <Form<{ password: string }>
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => void act(async () => setSecret(await generateTfa(values.password)))}
          >
            <Form.Item name="password" label={t('tfa.password')} rules={[{ required: true, message: t('account.requiredCurrent') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('tfa.next')}
            </Button>
          </Form>
        </>
      ) : (
        <>
          <div style={{ display: 'flex', justifyContent: 'center', marginBottom: 12 }}>
            <QRCode value={secret.otpauth_url} size={200} bordered={false} data-testid="tfa-qr" />
          </div>
          <Typography.Paragraph style={{ textAlign: 'center' }}>
            {t('tfa.secret')}：
            <Typography.Text code copyable data-testid="tfa-secret">
              {secret.secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Form<{ otp: string }>
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => void act(async () => setDone((await enableTfa(secret.secret, values.otp)).message))}
          >
            <Form.Item name="otp" label={t('tfa.otp')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('tfa.otpInvalid') }]}>
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('tfa.submit')}
            </Button>
          </Form>
        </>
      )}
    </EntryCard>
  );
}
