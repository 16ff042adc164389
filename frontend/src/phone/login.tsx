// 登录 on the phone: Directus e-mail and password (the session cookie is set by
// the server); says so when an earlier session expired. Same words as the office login.

import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { PASSWORD_CHANGED } from '../account.ts';
import { EXPIRED, OTP_NEEDED } from '../providers/auth-provider.ts';
import { auth, t } from './data.ts';
import { Button, Card, Field } from './ui.tsx';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function LoginPage() {
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Shown once the server asks for it: the account signs in with a one-time code too.
  const [otp, setOtp] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ email?: string; password?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const expired = sessionStorage.getItem(EXPIRED) === '1';
  const changed = sessionStorage.getItem(PASSWORD_CHANGED) === '1';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      email: !email.trim()
        ? t('pages.login.errors.requiredEmail')
        : EMAIL.test(email.trim())
          ? undefined
          : t('pages.login.errors.validEmail'),
      password: password ? undefined : t('pages.login.errors.requiredPassword'),
    };
    setErrors(found);
    if (found.email || found.password) return;
    setBusy(true);
    const answer = await auth.login({ email: email.trim(), password, otp: otp || undefined });
    setBusy(false);
    if (answer.success) return navigate(answer.redirectTo ?? '/', { replace: true });
    if (sessionStorage.getItem(OTP_NEEDED) !== null && otp === null) setOtp('');
    // A lock, a held address or the one-time code: their message says what and until when.
    const told = answer.error?.name === t('auth.held') || answer.error?.name === t('auth.otpTitle');
    setErrors({ form: (told ? answer.error?.message : answer.error?.name) ?? t('auth.failed') });
  };

  return (
    <div className="ph-app ph-login">
      <Card>
        <h1 className="ph-title" style={{ textAlign: 'center', marginBottom: 20 }}>
          {t('app.title')}
        </h1>
        {changed && !errors.form && (
          <div className="ph-banner" data-testid="password-changed" style={{ marginBottom: 12 }}>
            {t('account.changed')}
          </div>
        )}
        {expired && !changed && !errors.form && (
          <div className="ph-banner" data-testid="expired" style={{ marginBottom: 12 }}>
            {t('auth.expired')}
          </div>
        )}
        {errors.form && (
          <div className="ph-banner" role="alert" style={{ marginBottom: 12 }}>
            {errors.form}
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <Field id="login-email" label={t('pages.login.fields.email')} error={errors.email}>
            <input
              id="login-email"
              className="ph-input"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </Field>
          <Field id="login-password" label={t('pages.login.fields.password')} error={errors.password}>
            <input
              id="login-password"
              className="ph-input"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          {otp !== null && (
            <Field id="login-otp" label={t('tfa.otp')}>
              <input
                id="login-otp"
                className="ph-input"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={otp}
                onChange={(e) => setOtp(e.target.value.replace(/\D/g, ''))}
              />
            </Field>
          )}
          <Button kind="primary" type="submit" block busy={busy}>
            {t('pages.login.signin')}
          </Button>
        </form>
      </Card>
    </div>
  );
}
