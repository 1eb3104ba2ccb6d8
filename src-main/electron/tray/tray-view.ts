/**
 * What the tray shows for a phone state: which icon, the tooltip, and the menu. Pure, so every
 * state is unit-tested; TrayController only applies it to Electron's Tray and Menu.
 */
import type { PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';

export type TrayIconKind = 'registered' | 'connecting' | 'offline' | 'loggedOut';
export type TrayLanguage = 'ja' | 'en';

export type TrayAction = 'showMain' | 'showHistory' | 'toggleDnd' | 'quit';

export interface TrayMenuItem {
  action: TrayAction;
  label: string;
  enabled: boolean;
  /** a check box (DND) */
  checked?: boolean;
}

export interface TrayView {
  icon: TrayIconKind;
  /** with a missed-call count, the icon gets a badge */
  badge: boolean;
  tooltip: string;
  items: TrayMenuItem[];
}

const TEXT = {
  ja: {
    app: 'PlusPhone',
    registered: '登録済み',
    connecting: '接続中',
    reconnecting: '再接続中',
    offline: 'オフライン',
    loggedOut: 'ログインしていません',
    missed: (n: number) => `不在着信 ${n} 件`,
    inCall: (n: number) => `通話中 ${n}`,
    show: 'PlusPhone を表示',
    history: (n: number) => (n > 0 ? `不在着信 ${n} 件を見る` : '発着信履歴'),
    dnd: '取り込み中 (着信拒否)',
    quit: '終了',
  },
  en: {
    app: 'PlusPhone',
    registered: 'Registered',
    connecting: 'Connecting',
    reconnecting: 'Reconnecting',
    offline: 'Offline',
    loggedOut: 'Not signed in',
    missed: (n: number) => `${n} missed call${n === 1 ? '' : 's'}`,
    inCall: (n: number) => `${n} in call`,
    show: 'Show PlusPhone',
    history: (n: number) => (n > 0 ? `View ${n} missed call${n === 1 ? '' : 's'}` : 'Call history'),
    dnd: 'Do not disturb',
    quit: 'Quit',
  },
} as const;

function stateOf(snapshot: PhoneSnapshot): { icon: TrayIconKind; text: keyof (typeof TEXT)['ja'] } {
  if (snapshot.account === null) return { icon: 'loggedOut', text: 'loggedOut' };
  const connection = snapshot.connection?.state;
  if (connection === 'reconnecting') return { icon: 'connecting', text: 'reconnecting' };
  if (connection === 'offline') return { icon: 'offline', text: 'offline' };
  switch (snapshot.registration.state) {
    case 'registered':
      return { icon: 'registered', text: 'registered' };
    case 'connecting':
      return { icon: 'connecting', text: 'connecting' };
    case 'reconnecting':
      return { icon: 'connecting', text: 'reconnecting' };
    default:
      return { icon: 'offline', text: 'offline' };
  }
}

export function trayView(snapshot: PhoneSnapshot, language: TrayLanguage = 'ja'): TrayView {
  const t = TEXT[language];
  const state = stateOf(snapshot);
  const loggedIn = snapshot.account !== null;
  const missed = loggedIn ? snapshot.missedCalls : 0;
  const inCall = snapshot.lines.filter((line) => line.state !== 'ended').length;
  const stateText = t[state.text] as string;
  const parts = [loggedIn ? `${t.app} — ${snapshot.account!.displayName} (${snapshot.account!.extension})` : t.app, stateText];
  if (inCall > 0) parts.push(t.inCall(inCall));
  if (missed > 0) parts.push(t.missed(missed));
  return {
    icon: state.icon,
    badge: missed > 0,
    // Windows cuts tray tooltips at 127 characters
    tooltip: parts.join('\n').slice(0, 127),
    items: [
      { action: 'showMain', label: t.show, enabled: true },
      { action: 'showHistory', label: t.history(missed), enabled: loggedIn },
      { action: 'toggleDnd', label: t.dnd, enabled: loggedIn, checked: snapshot.dnd === true },
      { action: 'quit', label: t.quit, enabled: true },
    ],
  };
}

/** Two views that would look the same need no update of the native tray. */
export function sameTrayView(a: TrayView, b: TrayView): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
