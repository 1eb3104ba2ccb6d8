import { expect, test } from './support/fixtures.js';

test("a wrong password shows the server's Japanese error on the login view", async ({ softphones }) => {
  const a = await softphones.open('A');
  await expect(a.page.getByTestId('login-server')).not.toHaveValue('');

  await a.login('not-the-password');

  await expect(a.loginError).toHaveText('IDまたはパスワードが正しくありません');
  await expect(a.page.getByTestId('login-submit')).toBeEnabled();
  await expect(a.registration).toHaveCount(0);
});

test('a wrong SIP digest at REGISTER shows エラー and the reason next to the registration state', async ({
  softphones,
}) => {
  const c = await softphones.open('C', { host: 'wrongDigest' });

  await c.login();

  await expect(c.registration).toHaveText('エラー');
  await expect(c.page.getByTestId('registration-error')).toHaveText('SIP認証に失敗しました');
  // the phone did not crash or hang: the user can still log out
  await c.page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(c.page.getByTestId('login-submit')).toBeVisible();
});
