import { z } from 'zod';
import type { AccountSummary, PhoneSnapshot } from '../domain/phone-snapshot.js';
import { request, type ArgsOf, type ParsedArgsOf, type ResultOf } from './define.js';

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
  'account.login': request<AccountSummary>()(
    z.object({
      serverUrl: z.string().url().max(2048),
      loginId: z.string().trim().min(1, 'IDを入力してください').max(64),
      password: z.string().min(1, 'パスワードを入力してください').max(256),
    }),
  ),
  'account.logout': request<null>()(z.object({})),
  'phone.getSnapshot': request<PhoneSnapshot>()(z.object({})),
  'call.dial': request<{ lineId: string }>()(
    z.object({ target: dialTarget, callerNumber: z.string().regex(/^\d{1,20}$/).optional() }),
  ),
  'call.answer': request<null>()(z.object({ lineId })),
  'call.reject': request<null>()(z.object({ lineId })),
  'call.hangup': request<null>()(z.object({ lineId })),
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
