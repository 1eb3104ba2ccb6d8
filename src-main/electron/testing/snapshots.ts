import type { AccountSummary, LineSnapshot, PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { emptyPhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';

/** Phone snapshots for shell tests (the shell reads lines and account only). */
export const demoAccount: AccountSummary = {
  loginId: '05030000002',
  displayName: '鈴木',
  extension: '202',
  directNumber: '05030000002',
  callerNumbers: [{ number: '0355550100', label: '代表', kind: 'contract' }],
  defaultCallerNumber: '0355550100',
};

export function line(overrides: Partial<LineSnapshot> & Pick<LineSnapshot, 'id'>): LineSnapshot {
  return {
    direction: 'incoming',
    state: 'ringingIn',
    remoteNumber: '201',
    remoteName: '佐藤',
    calledNumber: '202',
    calledLabel: '鈴木',
    callerNumber: null,
    startedAt: 1_000,
    connectedAt: null,
    endedAt: null,
    endReason: null,
    ...overrides,
  };
}

export function snapshotWith(lines: LineSnapshot[], version = 1): PhoneSnapshot {
  return {
    ...emptyPhoneSnapshot(),
    version,
    account: demoAccount,
    registration: { state: 'registered', error: null },
    lines,
  };
}
