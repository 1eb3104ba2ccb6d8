import { z } from 'zod';
import type { CallHistoryEntry } from '../domain/call-history.js';
import type { AccountSummary, PhoneSnapshot } from '../domain/phone-snapshot.js';
import { request, type ArgsOf, type ParsedArgsOf, type ResultOf } from './define.js';
import { phonebookRequests } from './requests/phonebook.js';
import { callRequests } from './requests/calls.js';
import { settingsRequests } from './requests/settings.js';
import { linksRequests } from './requests/links.js';
import { audioRequests } from './requests/audio.js';
import { connectionRequests } from './requests/connection.js';

/**
 * The one IPC surface between windows and main. Each request names its argument schema
 * (validated by main before anything runs) and its result type. Electron IPC handlers, the
 * preload, the browser-host WebSocket and the renderer client are all typed from this map.
 */
const dialTarget = z
  .string()
  .trim()
  .min(1, '発信先を入力してください')
  .max(64, '発信先が長すぎます')
  .regex(/^[0-9*#+\-\s()０-９＊＃＋ー－]+$|^(sip|tel):[^\s]+$/, '発信先に使えない文字があります');

const lineId = z.string().min(1).max(64);

export const ipcRequests = {
  ...phonebookRequests,
  ...callRequests,
  ...settingsRequests,
  ...linksRequests,
  ...audioRequests,
  ...connectionRequests,
  'account.login': request<AccountSummary>()(
    z.object({
      serverUrl: z.string().url().max(2048),
      loginId: z.string().trim().min(1, 'IDを入力してください').max(64),
      password: z.string().min(1, 'パスワードを入力してください').max(256),
      /** keep the password in the secret store, to log in again when the remembered token expired */
      remember: z.boolean().optional(),
    }),
  ),
  /**
   * Log in again with the token the secret store remembers (app start, page reload); null when
   * nothing is remembered or the server no longer accepts it (then the login form is shown).
   */
  'account.resume': request<AccountSummary | null>()(z.object({})),
  'account.logout': request<null>()(z.object({})),
  'phone.getSnapshot': request<PhoneSnapshot>()(z.object({})),
  'call.dial': request<{ lineId: string }>()(
    z.object({ target: dialTarget, callerNumber: z.string().regex(/^\d{1,20}$/).optional() }),
  ),
  'call.answer': request<null>()(z.object({ lineId })),
  /** busy → 486 Busy Here (default), decline → 603 Decline */
  'call.reject': request<null>()(z.object({ lineId, reason: z.enum(['busy', 'decline']).optional() })),
  'call.hangup': request<null>()(z.object({ lineId })),
  /** the logged-in account's calls, newest first; `before` is the last entry id of the previous page */
  'history.list': request<CallHistoryEntry[]>()(
    z.object({
      filter: z.enum(['all', 'missed', 'incoming', 'outgoing']).optional(),
      limit: z.number().int().min(1).max(500).optional(),
      before: z.number().int().positive().optional(),
    }),
  ),
  /** the user saw the missed calls: `missedCalls` in the snapshot goes back to 0 */
  'history.markSeen': request<null>()(z.object({})),
  /** dial the entry's remote number (through call.dial's path) */
  'history.callback': request<{ lineId: string }>()(z.object({ entryId: z.number().int().positive() })),
};

export type IpcRequests = typeof ipcRequests;
export type IpcMethod = keyof IpcRequests;
export type IpcArgs<M extends IpcMethod> = ArgsOf<IpcRequests, M>;
export type IpcParsedArgs<M extends IpcMethod> = ParsedArgsOf<IpcRequests, M>;
export type IpcResult<M extends IpcMethod> = ResultOf<IpcRequests, M>;

/** Events main pushes to windows. */
export interface IpcEvents {
  'phone.snapshot': PhoneSnapshot;
}
export type IpcTopic = keyof IpcEvents;

export const ipcMethods = Object.keys(ipcRequests) as IpcMethod[];
export const ipcTopics: readonly IpcTopic[] = ['phone.snapshot'];

/** Electron channel names: `plusphone:<method or topic>`. */
export const ipcChannel = (name: string): string => `plusphone:${name}`;
