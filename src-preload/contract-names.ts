import type { IpcMethod, IpcTopic } from '../src-shared/contract/ipc-contract.js';

/*
 * The contract's method and topic names, without the contract's zod schemas: a sandboxed
 * preload is one CommonJS file that can require only 'electron', and it needs the names, not
 * the validation (main validates every argument). `satisfies Record<…, true>` makes the
 * compiler reject a missing or an extra name, and contract-names.test.ts compares them with
 * ipc-contract.ts at run time.
 */
const METHODS = {
  'account.login': true,
  'account.logout': true,
  'phone.getSnapshot': true,
  'call.dial': true,
  'call.answer': true,
  'call.reject': true,
  'call.hangup': true,
  'history.list': true,
  'history.markSeen': true,
  'history.callback': true,
  'call.hold': true,
  'call.resume': true,
  'call.mute': true,
  'call.dtmf': true,
  'call.transferBlind': true,
  'call.transferAttended': true,
  'call.park': true,
  'call.retrieve': true,
  'call.pickup': true,
  'phone.setDnd': true,
  'phonebook.search': true,
  'phonebook.create': true,
  'phonebook.update': true,
  'phonebook.delete': true,
  'phonebook.importCsv': true,
  'phonebook.exportCsv': true,
  'phonebook.lookup': true,
  'phonebook.sync': true,
  'account.resume': true,
  'connection.networkChanged': true,
  'connection.retry': true,
  'settings.get': true,
  'settings.update': true,
  'links.build': true,
  'links.open': true,
  'audio.listDevices': true,
  'audio.setMicrophone': true,
  'audio.setSpeaker': true,
  'audio.setRinger': true,
  'audio.setRingtone': true,
} as const satisfies Record<IpcMethod, true>;

const TOPICS = {
  'phone.snapshot': true,
} as const satisfies Record<IpcTopic, true>;

export const CONTRACT_METHODS: ReadonlySet<string> = new Set(Object.keys(METHODS));
export const CONTRACT_TOPICS: ReadonlySet<string> = new Set(Object.keys(TOPICS));

/** Same as ipcChannel() in ipc-contract.ts: `plusphone:<method or topic>`. */
export const contractChannel = (name: string): string => `plusphone:${name}`;
