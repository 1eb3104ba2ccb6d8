import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../../i18n/i18n-context.js';
import { usePhoneIntents, usePhoneView } from '../../../app/phone-context.js';

/** Server URL, ID and password; the error main answers with is shown as it comes (Japanese). */
export function LoginView({ defaultServerUrl }: { defaultServerUrl: string }) {
  const t = useT();
  const intents = usePhoneIntents();
  const login = usePhoneView((s) => s.login);
  const [serverUrl, setServerUrl] = useState(defaultServerUrl);
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const ids = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void intents.login({ serverUrl: serverUrl.trim(), loginId, password });
  };

  return (
    <main className="login">
      <form className="panel login__form" onSubmit={submit} aria-labelledby={`${ids}-heading`} noValidate>
        <h1 className="login__heading" id={`${ids}-heading`}>
          <span className="login__product">{t('app.title')}</span> {t('login.heading')}
        </h1>
        <label className="field" htmlFor={`${ids}-server`}>
          <span className="field__label">{t('login.serverUrl')}</span>
          <input
            id={`${ids}-server`}
            className="field__control"
            type="url"
            autoComplete="url"
            spellCheck={false}
            data-testid="login-server"
            value={serverUrl}
            onChange={(event) => setServerUrl(event.currentTarget.value)}
          />
        </label>
        <label className="field" htmlFor={`${ids}-id`}>
          <span className="field__label">{t('login.loginId')}</span>
          <input
            id={`${ids}-id`}
            className="field__control"
            type="text"
            inputMode="tel"
            autoComplete="username"
            placeholder={t('login.loginIdHint')}
            data-testid="login-id"
            value={loginId}
            onChange={(event) => setLoginId(event.currentTarget.value)}
            autoFocus
          />
        </label>
        <label className="field" htmlFor={`${ids}-password`}>
          <span className="field__label">{t('login.password')}</span>
          <input
            id={`${ids}-password`}
            className="field__control"
            type="password"
            autoComplete="current-password"
            data-testid="login-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
        </label>
        {login.error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {login.error}
          </p>
        )}
        <button type="submit" className="btn btn--primary login__submit" data-testid="login-submit" disabled={login.pending}>
          {login.pending ? t('login.pending') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
