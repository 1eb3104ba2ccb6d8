import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-electron.js';
import { UpdatePolicy, type UpdaterLike, type UpdateState } from './update-policy.js';

class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  feeds: string[] = [];
  checks = 0;
  installs = 0;
  setFeedURL(options: { provider: 'generic'; url: string }): void {
    this.feeds.push(`${options.provider} ${options.url}`);
  }
  checkForUpdates(): Promise<unknown> {
    this.checks++;
    return Promise.resolve(null);
  }
  quitAndInstall(): void {
    this.installs++;
  }
}

function setup() {
  const updater = new FakeUpdater();
  const clock = new FakeClock();
  let inCall = false;
  const states: UpdateState[] = [];
  const errors: string[] = [];
  const policy = new UpdatePolicy({
    updater,
    clock,
    inCall: () => inCall,
    onState: (s) => states.push(s),
    onError: (m) => errors.push(m),
    firstCheckDelayMs: 1_000,
    checkIntervalMs: 10_000,
  });
  return { updater, clock, policy, states, errors, setInCall: (v: boolean) => (inCall = v) };
}

describe('UpdatePolicy', () => {
  it('points electron-updater at the generic feed, downloads in the background, checks after start and then periodically', () => {
    const t = setup();
    t.policy.start('http://127.0.0.1:7080/updates/');
    expect(t.updater.feeds).toEqual(['generic http://127.0.0.1:7080/updates/']);
    expect(t.updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    expect(t.updater.checks).toBe(0);
    t.clock.advance(1_000);
    expect(t.updater.checks).toBe(1);
    t.clock.advance(10_000);
    t.clock.advance(10_000);
    expect(t.updater.checks).toBe(3);
    t.policy.dispose();
    t.clock.advance(50_000);
    expect(t.updater.checks).toBe(3);
    expect(t.updater.listenerCount('update-downloaded')).toBe(0);
  });

  it('never installs during a call: an accepted update waits for the last call to end', () => {
    const t = setup();
    t.policy.start('https://pbx.example.jp/updates/');
    expect(t.policy.installWhenPossible()).toEqual({ kind: 'idle' }); // nothing downloaded yet
    t.updater.emit('update-downloaded', { version: '1.2.3' });
    expect(t.states).toEqual([{ kind: 'ready', version: '1.2.3' }]);
    t.setInCall(true);
    expect(t.policy.installWhenPossible()).toEqual({ kind: 'installAfterCall', version: '1.2.3' });
    t.policy.callStateChanged();
    expect(t.updater.installs).toBe(0);
    t.setInCall(false);
    t.policy.callStateChanged();
    expect(t.updater.installs).toBe(1);
  });

  it('refuses feeds that are not http(s) and reports updater errors', () => {
    const t = setup();
    t.policy.start('file:///C:/evil/');
    t.policy.start('not a url');
    expect(t.updater.feeds).toEqual([]);
    t.policy.start('https://pbx.example.jp/updates/');
    t.updater.emit('error', new Error('net::ERR_CONNECTION_REFUSED'));
    expect(t.errors).toEqual(['update feed must be http(s): file:', 'update feed URL is not valid: not a url', 'net::ERR_CONNECTION_REFUSED']);
  });
});
