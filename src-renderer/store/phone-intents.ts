import { ipcRequests, type IpcArgs, type IpcMethod, type IpcResult } from '../../src-shared/contract/ipc-contract.js';
import type { ContractError, Result } from '../../src-shared/contract/result.js';
import type { PhoneClient } from '../client/phone-client.js';
import type { Translate } from '../i18n/translator.js';
import type { PhoneStore } from './phone-store.js';

export interface LoginForm {
  serverUrl: string;
  loginId: string;
  password: string;
}

/** What the user asks main to do. Views call these; state comes back as snapshots. */
export interface PhoneIntents {
  login(form: LoginForm): Promise<void>;
  logout(): Promise<void>;
  dial(): Promise<void>;
  answer(lineId: string): Promise<void>;
  reject(lineId: string): Promise<void>;
  hangup(lineId: string): Promise<void>;
  /**
   * Call control (hold, mute, DTMF, transfer, park, retrieve, pickup, DND): a failure is shown as
   * the line-action error until the next action. True when main accepted it.
   */
  lineRequest<M extends IpcMethod>(method: M, args: IpcArgs<M>): Promise<boolean>;
  /** Any other request; the view shows the outcome itself (phonebook, history, settings). */
  request<M extends IpcMethod>(method: M, args: IpcArgs<M>): Promise<Result<IpcResult<M>>>;
}

/**
 * Messages from main are already user-facing; argument errors carry the field path
 * (`loginId: IDを入力してください`), which the user does not need to see.
 */
export function userMessage(error: ContractError): string {
  return error.code === 'invalid-argument' ? error.message.replace(/^[\w.]+: /, '') : error.message;
}

export function createPhoneIntents(client: PhoneClient, store: PhoneStore, t: Translate): PhoneIntents {
  const lineAction = async (method: 'call.answer' | 'call.reject' | 'call.hangup', lineId: string) => {
    store.getState().setLineActionError(null);
    const result = await client.invoke(method, { lineId });
    if (!result.ok) store.getState().setLineActionError(userMessage(result.error));
  };

  return {
    async login(form) {
      const state = store.getState();
      if (state.login.pending) return;
      // Check the form here too, so the user gets the message without a round trip.
      const checked = ipcRequests['account.login'].args.safeParse(form);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        const error = issue?.path[0] === 'serverUrl' ? t('login.serverUrlInvalid') : (issue?.message ?? t('error.internal'));
        state.setLoginStatus({ pending: false, error });
        return;
      }
      state.setLoginStatus({ pending: true, error: null });
      const result = await client.invoke('account.login', checked.data);
      store.getState().setLoginStatus({ pending: false, error: result.ok ? null : userMessage(result.error) });
    },

    async logout() {
      await client.invoke('account.logout', {});
    },

    async dial() {
      const { dialer } = store.getState();
      if (dialer.pending || dialer.digits.length === 0) return;
      store.getState().setDialStatus({ pending: true, error: null });
      const result = await client.invoke('call.dial', {
        target: dialer.digits,
        ...(dialer.callerNumber ? { callerNumber: dialer.callerNumber } : {}),
      });
      const after = store.getState();
      after.setDialStatus({ pending: false, error: result.ok ? null : userMessage(result.error) });
      // keep what was dialled when it failed, so the user can correct it
      if (result.ok && after.dialer.digits === dialer.digits) after.clearDial();
    },

    async lineRequest(method, args) {
      store.getState().setLineActionError(null);
      const result = await client.invoke(method, args);
      if (!result.ok) store.getState().setLineActionError(userMessage(result.error));
      return result.ok;
    },

    request: (method, args) => client.invoke(method, args),

    answer: (lineId) => lineAction('call.answer', lineId),
    reject: (lineId) => lineAction('call.reject', lineId),
    hangup: (lineId) => lineAction('call.hangup', lineId),
  };
}
