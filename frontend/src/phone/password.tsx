// 修改密码 on the phone: the owner's own change, the only screen of an account that
// must set a new password first; else reached from 我的. Same rule and words as the
// office screen; after the change the login says to sign in with the new password.

import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { changePassword, keepsPasswordRule, PASSWORD_CHANGED, useAccountStatus } from '../account.ts';
import { auth, t } from './data.ts';
import { Button, Card, Field } from './ui.tsx';

export function PasswordPage() {
  const navigate = useNavigate();
  const status = useAccountStatus(() => navigate('/login', { replace: true }));
  const [values, setValues] = useState({ current: '', next: '', confirm: '' });
  const [errors, setErrors] = useState<{ current?: string; next?: string; confirm?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      current: values.current ? undefined : t('account.requiredCurrent'),
      next: !values.next ? t('account.requiredNext') : keepsPasswordRule(values.next) ? undefined : t('account.rule'),
      confirm: values.confirm === values.next ? undefined : t('account.mismatch'),
    };
    setErrors(found);
    if (found.current || found.next || found.confirm) return;
    setBusy(true);
    try {
      await changePassword(values.current, values.next);
      sessionStorage.setItem(PASSWORD_CHANGED, '1');
      await auth.logout({});
      navigate('/login', { replace: true });
    } catch (error) {
      setErrors({ form: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const input = (name: 'current' | 'next' | 'confirm', autoComplete: string) => (
    <input
      id={`password-${name}`}
      className="ph-input"
      type="password"
      autoComplete={autoComplete}
      value={values[name]}
      onChange={(e) => setValues({ ...values, [name]: e.target.value })}
    />
  );

  if (!status) return null;
  return (
    <div className="ph-app ph-login">
      <Card data-testid="password-page">
        <h1 className="ph-title" style={{ textAlign: 'center', marginBottom: 16 }}>
          {t('account.title')}
        </h1>
        {status.must_change_password && status.reason && (
          <div className="ph-banner" data-testid="password-reason" style={{ marginBottom: 12 }}>
            {status.reason}
          </div>
        )}
        {errors.form && (
          <div className="ph-banner" role="alert" style={{ marginBottom: 12 }}>
            {errors.form}
          </div>
        )}
        <p className="ph-muted">{t('account.rule')}</p>
        <form onSubmit={submit} noValidate>
          <Field id="password-current" label={t('account.current')} error={errors.current}>
            {input('current', 'current-password')}
          </Field>
          <Field id="password-next" label={t('account.next')} error={errors.next}>
            {input('next', 'new-password')}
          </Field>
          <Field id="password-confirm" label={t('account.confirm')} error={errors.confirm}>
            {input('confirm', 'new-password')}
          </Field>
          <Button kind="primary" type="submit" block busy={busy}>
            {t('account.submit')}
          </Button>
        </form>
        {!status.must_change_password && (
          <Button block onClick={() => navigate(-1)} style={{ marginTop: 8 }}>
            {t('account.back')}
          </Button>
        )}
      </Card>
    </div>
  );
}
