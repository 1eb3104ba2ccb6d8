import { describe, expect, it } from 'vitest';
import { emptyPhoneSnapshot, type PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { FakeClock, recordingLogger } from '../testing/fake-electron.js';
import { FakePhone } from '../testing/fake-phone.js';
import { line, snapshotWith } from '../testing/snapshots.js';
import { createFakeDesktop } from '../testing/fake-desktop.js';
import { DesktopServices } from './desktop-services.js';
import { PhoneActions } from './phone-actions.js';

function setup(argv: string[] = ['PlusPhone.exe']) {
  const phone = new FakePhone({} as never);
  const clock = new FakeClock();
  const logger = recordingLogger();
  const desktop = createFakeDesktop(argv);
  const api = desktop.api;
  const windows = { shown: 0, toggled: 0 };
  const system: string[] = [];
  let quits = 0;
  const services = new DesktopServices({
    api,
    actions: new PhoneActions(() => phone),
    windows: { showMain: () => windows.shown++, toggleMain: () => windows.toggled++ },
    snapshot: () => phone.getSnapshot(),
    requestQuit: () => quits++,
    onSystemEvent: (event) => system.push(event),
    logger,
    clock,
  });
  const push = (snapshot: PhoneSnapshot): void => {
    phone.push(snapshot);
    services.update(snapshot);
  };
  return {
    phone, clock, logger, services, windows, system, push,
    shortcuts: desktop.state.shortcuts,
    blockers: desktop.state.blockers,
    protocols: desktop.state.protocols,
    monitor: desktop.monitor,
    tray: desktop.tray,
    quits: () => quits,
    select: (text: string) => (desktop.state.selection = text),
    press: desktop.press,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('DesktopServices', () => {
  it('starts the tray, shortcuts and protocol handlers, and follows the phone state', () => {
    const t = setup();
    t.services.start();
    expect(t.tray().image).toBe('loggedOut');
    expect(t.protocols).toEqual(['tel', 'callto', 'sip']);
    expect(t.shortcuts.size).toBe(5);
    t.push({ ...snapshotWith([]), missedCalls: 2 });
    expect(t.tray().image).toBe('registered!');
    t.tray().menu.at(-1)!.click!();
    expect(t.quits()).toBe(1);
    t.tray().emit('click');
    expect(t.windows.toggled).toBe(1);
  });

  it('a link clicked before login dials once the phone is registered; a hostile one is refused', async () => {
    const t = setup(['PlusPhone.exe', '--', 'tel:03-1234-5678']);
    t.services.start();
    expect(t.windows.shown).toBe(1); // the login window comes up
    expect(t.phone.calls).toEqual([]);
    t.push(snapshotWith([]));
    await settle();
    expect(t.phone.calls).toEqual(['dial 03-1234-5678']);
    t.services.handleArgv(['PlusPhone.exe', '--dial', 'javascript:alert(1)']);
    await settle();
    expect(t.phone.calls).toEqual(['dial 03-1234-5678']);
    expect(t.logger.entries.some((e) => e.message === 'click-to-call refused')).toBe(true);
  });

  it('global shortcuts answer the ringing call, hang up, and dial the selected number', async () => {
    const t = setup();
    t.services.start();
    t.push(snapshotWith([line({ id: 'L1', state: 'ringingIn' })]));
    t.press('CommandOrControl+Alt+A');
    await settle();
    t.push(snapshotWith([line({ id: 'L1', state: 'connected' })]));
    t.press('CommandOrControl+Alt+H');
    t.select('お客様: 03-9876-5432 (山田様)');
    t.press('CommandOrControl+Alt+D');
    await settle();
    expect(t.phone.calls).toEqual(['answer L1', 'hangup L1', 'dial 03-9876-5432']);
    t.press('CommandOrControl+Alt+P');
    expect(t.windows.toggled).toBe(1);
  });

  it('blocks suspension during calls, passes suspend/resume on, and releases everything on dispose', () => {
    const t = setup();
    t.services.start();
    t.push(snapshotWith([line({ id: 'L1', state: 'connected' })]));
    t.monitor.emit('suspend');
    t.monitor.emit('resume');
    expect(t.system).toEqual(['suspend', 'resume']);
    t.services.dispose();
    expect(t.blockers).toEqual(['start', 'stop']);
    expect(t.shortcuts.size).toBe(0);
    expect(t.tray().destroyed).toBe(true);
    expect(t.monitor.listenerCount('resume')).toBe(0);
    t.push(emptyPhoneSnapshot()); // after dispose: no effect, no throw
  });
});

describe('DesktopServices updates', () => {
  it('starts the update policy on the feed provisioning names, once logged in', async () => {
    const { EventEmitter } = await import('node:events');
    const desktop = createFakeDesktop();
    const feeds: string[] = [];
    const updater = Object.assign(new EventEmitter(), {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      setFeedURL: (options: { url: string }) => feeds.push(options.url),
      checkForUpdates: () => Promise.resolve(null),
      quitAndInstall: () => undefined,
    });
    const phone = new FakePhone({} as never);
    const provisioned: { feed?: string } = {};
    const services = new DesktopServices({
      api: { ...desktop.api, updater },
      actions: new PhoneActions(() => phone),
      windows: { showMain: () => undefined, toggleMain: () => undefined },
      snapshot: () => phone.getSnapshot(),
      requestQuit: () => undefined,
      logger: recordingLogger(),
      clock: new FakeClock(),
      updateFeedUrl: () => provisioned.feed,
    });
    services.start();
    expect(feeds).toEqual([]);
    provisioned.feed = 'http://127.0.0.1:7080/updates/';
    services.update(snapshotWith([]));
    services.update(snapshotWith([], 2));
    expect(feeds).toEqual(['http://127.0.0.1:7080/updates/']);
    services.dispose();
  });
});

describe('DesktopServices follows the settings', () => {
  it('re-registers global shortcuts and start-at-login when the settings change, and only then', async () => {
    const { defaultPhoneSettings } = await import('../../../src-shared/contract/requests/settings.js');
    const desktop = createFakeDesktop();
    const phone = new FakePhone({} as never);
    const reports: unknown[] = [];
    const services = new DesktopServices({
      api: desktop.api,
      actions: new PhoneActions(() => phone),
      windows: { showMain: () => undefined, toggleMain: () => undefined },
      snapshot: () => phone.getSnapshot(),
      requestQuit: () => undefined,
      logger: recordingLogger(),
      clock: new FakeClock(),
      onShortcutReport: (report) => reports.push(report),
    });
    services.start();
    const settings = defaultPhoneSettings();
    services.update({ ...snapshotWith([]), settings });
    expect(reports).toHaveLength(1); // at start; the settings' bindings are the same defaults
    services.update({ ...snapshotWith([], 2), settings });
    expect(reports).toHaveLength(1);
    services.update({ ...snapshotWith([], 3), settings: { ...settings, globalShortcuts: { ...settings.globalShortcuts, mute: null }, startup: { atLogin: true, minimized: false } } });
    expect(reports).toHaveLength(2);
    expect(desktop.state.shortcuts.has('CommandOrControl+Alt+M')).toBe(false);
    expect(desktop.state.loginItems).toEqual([false, true]);
    services.dispose();
  });
});
