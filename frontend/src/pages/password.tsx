// 修改密码 (office): the owner's own change. The only screen of an account whose
// password was set by an administrator or has grown too old (the server says so);
// otherwise reached from the header. After the change every session ends, and the
// login page says to sign in with the new password.

import { useLogout, useTranslate } from '@refinedev/core';
import { Alert, App, Button, Form, Input, Spin, Typography } from 'antd';
import { EntryCard } from '../components/entry-card.tsx';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { changePassword, keepsPasswordRule, PASSWORD_CHANGED, useAccountStatus, useAccountStep } from '../account.ts';

interface Values {
  current: string;
  next: string;
  confirm: string;
}

export function PasswordPage() {
  const t = useTranslate();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { mutateAsync: logout } = useLogout();
  const status = useAccountStatus(() => navigate('/login', { replace: true }));
  const { busy, failure, run } = useAccountStep();

  const submit = (values: Values) =>
    run(async () => {
      await changePassword(values.current, values.next);
      sessionStorage.setItem(PASSWORD_CHANGED, '1');
      message.success(t('account.changed'));
      await logout({ redirectPath: '/login' }).catch(() => navigate('/login', { replace: true }));
    });

  if (!status) return <Spin style={{ display: 'block', margin: '20vh auto' }} />;
  return (
    <EntryCard title={t('account.title')} width={420} testId="password-page">
      {status.must_change_password && status.reason && (
        <Alert type="warning" showIcon message={status.reason} style={{ marginBottom: 16 }} data-testid="password-reason" />
      )}
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} role="alert" />}
      <Typography.Paragraph type="secondary">{t('account.rule')}</Typography.Paragraph>
      {status.password_expires_at && !status.must_change_password && (
        <Typography.Paragraph type="secondary">
          {t('account.expires', { date: dayjs(status.password_expires_at).format('YYYY-MM-DD') })}
        </Typography.Paragraph>
      )}
      <Form<Values> layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
        <Form.Item name="current" label={t('account.current')} rules={[{ required: true, message: t('account.requiredCurrent') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="next"
          label={t('account.next')}
          rules={[
            { required: true, message: t('account.requiredNext') },
            {
              validator: async (_, value?: string) =>
                !value || keepsPasswordRule(value) ? undefined : Promise.reject(new Error(t('account.rule'))),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirm')}
          dependencies={['next']}
          rules={[
            { required: true, message: t('account.requiredNext') },
            ({ getFieldValue }) => ({
              validator: async (_, value?: string) =>
                !value || value === getFieldValue('next') ? undefined : Promise.reject(new Error(t('account.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('account.submit')}
        </Button>
      </Form>
      {!status.must_change_password && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button type="link" onClick={() => navigate(-1)}>
            {t('account.back')}
          </Button>
        </div>
      )}
    </EntryCard>
  );
}
