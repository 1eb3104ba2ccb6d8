import { describe, expect, it } from 'vitest';
import type { ConnectionSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { createSilentLogger } from '../logging/logger.js';
import type { Scheduler } from '../provisioning/config-watcher.js';
import { registrationErrors } from '../sip/registration-errors.js';
import { ConnectionSupervisor, type AttemptOptions, type AttemptOutcome, type Reconnection } from './connection-supervisor.js';
import { registrationOfConnection } from './registration-of-connection.js';

/** A clock whose timers fire only when the test advances it. */
class FakeClock implements Scheduler {
  nowMs = 1_000_000;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.nowMs + ms, callback, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Move time forward, firing due timers in order. */
  advance(ms: number): void {
    const until = this.nowMs + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.nowMs = due.at;
      due.callback();
    }
    this.nowMs = until;
  }
}

/** A target whose attempts the test answers one by one. */
class ScriptedTarget {
  attempts = 0;
  readonly options: AttemptOptions[] = [];
  private waiting: ((outcome: AttemptOutcome) => void)[] = [];

  attempt = (options: AttemptOptions): Promise<AttemptOutcome> => {
    this.attempts += 1;
    this.options.push(options);
    return new Promise((resolve) => this.waiting.push(resolve));
  };

  get inFlight(): number {
    return this.waiting.length;
  }

  /** Answer the oldest attempt in flight, then let the supervisor react. */
  async answer(outcome: AttemptOutcome): Promise<void> {
    const resolve = this.waiting.shift();
    if (!resolve) throw new Error('no attempt in flight');
    resolve(outcome);
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

const registered: AttemptOutcome = { kind: 'registered' };
const unreachable: AttemptOutcome = { kind: 'retry', reason: registrationErrors.unreachable };
const authFailed: AttemptOutcome = { kind: 'fatal', reason: registrationErrors.authFailed };

function setUp(random = () => 1) {
  const clock = new FakeClock();
  const target = new ScriptedTarget();
  const states: ConnectionSnapshot[] = [];
  const reconnections: Reconnection[] = [];
  const supervisor = new ConnectionSupervisor({
    target,
    logger: createSilentLogger(),
    onChange: (snapshot) => states.push(snapshot),
    random,
    now: () => clock.nowMs,
    scheduler: clock,
  });
  supervisor.onReconnected((reconnection) => {
    reconnections.push(reconnection);
  });
  return { clock, target, states, reconnections, supervisor };
}

describe('ConnectionSupervisor', () => {
  it('connecting → registered on the first attempt; no reconnection is announced', async () => {
    const { target, supervisor, reconnections } = setUp();
    supervisor.start();
    expect(supervisor.snapshot).toEqual({ state: 'connecting', attempt: 0, nextRetryAt: null, reason: null });
    await target.answer(registered);
    expect(supervisor.snapshot).toEqual({ state: 'registered', attempt: 0, nextRetryAt: null, reason: null });
    expect(reconnections).toEqual([]);
  });

  it('a lost connection retries on the backoff schedule, shows attempt and next retry, and recovers', async () => {
    const { clock, target, supervisor, reconnections } = setUp(() => 1);
    supervisor.start();
    await target.answer(registered);

    supervisor.connectionLost();
    expect(supervisor.snapshot).toEqual({
      state: 'reconnecting',
      attempt: 1,
      nextRetryAt: clock.nowMs + 500,
      reason: registrationErrors.connectionLost,
    });
    clock.advance(499);
    expect(target.attempts).toBe(1);
    clock.advance(1);
    expect(target.attempts).toBe(2);
    expect(supervisor.snapshot).toMatchObject({ state: 'reconnecting', attempt: 1, nextRetryAt: null });

    // server still away: 1.5 s, then 4.5 s (random = 1 draws the largest delays)
    const expected = [1_500, 4_500, 13_500, 30_000, 30_000];
    for (const [index, delay] of expected.entries()) {
      await target.answer(unreachable);
      expect(supervisor.snapshot).toEqual({
        state: 'reconnecting',
        attempt: index + 2,
        nextRetryAt: clock.nowMs + delay,
        reason: registrationErrors.unreachable,
      });
      clock.advance(delay);
      expect(target.attempts).toBe(index + 3);
    }
    await target.answer(registered);
    expect(supervisor.snapshot.state).toBe('registered');
    expect(reconnections).toEqual([{ cause: 'lost', attempts: 6 }]);

    // the next loss starts the schedule again from the beginning
    supervisor.connectionLost();
    expect(supervisor.snapshot.nextRetryAt).toBe(clock.nowMs + 500);
  });

  it('refused credentials on re-register go offline with the reason, with no retry loop', async () => {
    const { clock, target, supervisor } = setUp();
    supervisor.start();
    await target.answer(registered);
    supervisor.registrationLost();
    clock.advance(500);
    await target.answer(authFailed);
    expect(supervisor.snapshot).toEqual({ state: 'offline', attempt: 0, nextRetryAt: null, reason: registrationErrors.authFailed });
    expect(clock.pending).toBe(0);
    clock.advance(600_000);
    expect(target.attempts).toBe(2);
    // only an event brings it back
    supervisor.retryNow();
    expect(target.attempts).toBe(3);
    await target.answer(registered);
    expect(supervisor.snapshot.state).toBe('registered');
  });

  it('a first connect that fails keeps retrying as reconnecting; its success is not a reconnection', async () => {
    const { clock, target, supervisor, reconnections } = setUp(() => 0);
    supervisor.start();
    await target.answer(unreachable);
    expect(supervisor.snapshot).toMatchObject({ state: 'reconnecting', attempt: 1, reason: registrationErrors.unreachable });
    clock.advance(0);
    await target.answer(registered);
    expect(supervisor.snapshot.state).toBe('registered');
    expect(reconnections).toEqual([]);
  });

  it('suspend stops every timer and ignores the attempt in flight; resume reconnects at once with a fresh backoff', async () => {
    const { clock, target, supervisor, reconnections } = setUp(() => 1);
    supervisor.start();
    await target.answer(registered);
    supervisor.connectionLost();
    clock.advance(500);
    await target.answer(unreachable); // next retry in 1.5 s
    clock.advance(1_500); // attempt 3 in flight
    expect(target.inFlight).toBe(1);

    supervisor.suspend();
    expect(supervisor.snapshot).toMatchObject({ state: 'offline', reason: { code: 'suspended' } });
    await target.answer(registered); // the old attempt's late success does not count
    expect(supervisor.snapshot.state).toBe('offline');
    expect(clock.pending).toBe(0);
    clock.advance(3_600_000);
    expect(target.attempts).toBe(3);

    supervisor.resume();
    expect(target.attempts).toBe(4); // at once, no timer
    expect(supervisor.snapshot).toMatchObject({ state: 'reconnecting', attempt: 1, nextRetryAt: null });
    await target.answer(unreachable);
    // backoff started again: the second delay of a fresh schedule
    expect(supervisor.snapshot.nextRetryAt).toBe(clock.nowMs + 1_500);
    clock.advance(1_500);
    await target.answer(registered);
    expect(reconnections).toEqual([{ cause: 'resume', attempts: 2 }]);
    // only the first attempt after waking drops the old socket first; retries reuse what connected
    expect(target.options.map((o) => o.freshTransport)).toEqual([false, false, false, true, false]);
  });

  it('network down → offline until the network is back; network up reconnects at once', async () => {
    const { clock, target, supervisor, reconnections } = setUp();
    supervisor.start();
    await target.answer(registered);
    supervisor.networkChanged(false);
    expect(supervisor.snapshot).toEqual({
      state: 'offline',
      attempt: 0,
      nextRetryAt: null,
      reason: { code: 'network-down', message: 'ネットワークに接続されていません' },
    });
    supervisor.connectionLost(); // the socket dies too: still offline, no retry
    clock.advance(60_000);
    expect(target.attempts).toBe(1);
    supervisor.networkChanged(true);
    expect(target.attempts).toBe(2);
    await target.answer(registered);
    expect(reconnections).toEqual([{ cause: 'network', attempts: 1 }]);
  });

  it('a network change while registered re-registers at once and announces it (calls need an ICE restart)', async () => {
    const { target, supervisor, reconnections } = setUp();
    supervisor.start();
    await target.answer(registered);
    supervisor.networkChanged(true);
    expect(supervisor.snapshot.state).toBe('reconnecting');
    await target.answer(registered);
    expect(reconnections).toEqual([{ cause: 'network', attempts: 1 }]);
  });

  it('a loss reported during an attempt is left to that attempt; attempts never overlap', async () => {
    const { clock, target, supervisor } = setUp();
    supervisor.start();
    supervisor.connectionLost();
    expect(target.inFlight).toBe(1);
    await target.answer(unreachable);
    supervisor.connectionLost();
    supervisor.registrationLost();
    clock.advance(500);
    expect(target.inFlight).toBe(1);
    expect(target.attempts).toBe(2);
  });

  it('listeners that throw do not stop the others; events before start and after dispose do nothing', async () => {
    const { clock, target, supervisor, reconnections } = setUp();
    supervisor.onReconnected(() => {
      throw new Error('boom');
    });
    supervisor.onReconnected(() => Promise.reject(new Error('boom')));
    supervisor.resume();
    supervisor.networkChanged(false);
    expect(target.attempts).toBe(0);
    supervisor.start();
    await target.answer(registered);
    supervisor.connectionLost();
    clock.advance(500);
    await target.answer(registered);
    expect(reconnections).toHaveLength(1);

    supervisor.connectionLost();
    supervisor.dispose();
    expect(clock.pending).toBe(0);
    supervisor.resume();
    clock.advance(60_000);
    expect(target.attempts).toBe(2);
  });

  it('an attempt that throws counts as unreachable', async () => {
    const clock = new FakeClock();
    const supervisor = new ConnectionSupervisor({
      target: { attempt: () => Promise.reject(new Error('broken')) },
      logger: createSilentLogger(),
      onChange: () => undefined,
      random: () => 1,
      now: () => clock.nowMs,
      scheduler: clock,
    });
    supervisor.start();
    await flush();
    expect(supervisor.snapshot).toMatchObject({ state: 'reconnecting', attempt: 1, reason: registrationErrors.unreachable });
    supervisor.dispose();
  });
});

describe('registrationOfConnection (the older registration shape windows show)', () => {
  it('maps each connection state; host-caused offline is unregistered, a refused one failed', () => {
    const base = { attempt: 0, nextRetryAt: null };
    expect(registrationOfConnection({ ...base, state: 'connecting', reason: null })).toEqual({ state: 'connecting', error: null });
    expect(registrationOfConnection({ ...base, state: 'registered', reason: null })).toEqual({ state: 'registered', error: null });
    expect(
      registrationOfConnection({ state: 'reconnecting', attempt: 2, nextRetryAt: 5, reason: registrationErrors.unreachable }),
    ).toEqual({ state: 'reconnecting', error: registrationErrors.unreachable });
    expect(registrationOfConnection({ ...base, state: 'offline', reason: { code: 'suspended', message: 'x' } }).state).toBe('unregistered');
    expect(registrationOfConnection({ ...base, state: 'offline', reason: { code: 'network-down', message: 'x' } }).state).toBe('unregistered');
    expect(registrationOfConnection({ ...base, state: 'offline', reason: registrationErrors.authFailed })).toEqual({
      state: 'failed',
      error: registrationErrors.authFailed,
    });
  });
});
