import { EmitterImpl, TransportState, type Registerer, type UserAgent } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../logging/logger.js';
import { registrationErrors } from '../sip/registration-errors.js';
import { ManualScheduler } from './manual-scheduler.fixture.js';
import { SipRegistrationTarget } from './sip-registration-target.js';

type Delegate = { onAccept?: () => void; onReject?: (response: { message: { statusCode: number } }) => void };

class FakeTransport {
  connected = false;
  failConnect = false;
  readonly stateChange = new EmitterImpl<TransportState>();
  readonly calls: string[] = [];
  isConnected(): boolean {
    return this.connected;
  }
  connect(): Promise<void> {
    this.calls.push('connect');
    if (this.failConnect) return Promise.reject(new Error('refused'));
    this.connected = true;
    this.stateChange.emit(TransportState.Connected);
    return Promise.resolve();
  }
  disconnect(): Promise<void> {
    this.calls.push('disconnect');
    this.connected = false;
    this.stateChange.emit(TransportState.Disconnected);
    return Promise.resolve();
  }
}

class FakeUserAgent {
  readonly transport = new FakeTransport();
  starts = 0;
  start(): Promise<void> {
    this.starts += 1;
    return this.transport.connect();
  }
  reconnect(): Promise<void> {
    return this.transport.connect();
  }
}

class FakeRegisterer {
  waiting = false;
  readonly waitingChange = new EmitterImpl<boolean>();
  delegates: Delegate[] = [];
  register(options: { requestDelegate: Delegate }): Promise<unknown> {
    this.delegates.push(options.requestDelegate);
    return Promise.resolve({});
  }
  answer(status: number): void {
    const delegate = this.delegates.at(-1)!;
    if (status < 300) delegate.onAccept?.();
    else delegate.onReject?.({ message: { statusCode: status } });
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

function setUp() {
  const userAgent = new FakeUserAgent();
  const registerer = new FakeRegisterer();
  const scheduler = new ManualScheduler();
  const target = new SipRegistrationTarget({
    userAgent: userAgent as unknown as UserAgent,
    registerer: registerer as unknown as Registerer,
    logger: createSilentLogger(),
    scheduler,
  });
  return { userAgent, registerer, scheduler, target };
}

describe('SipRegistrationTarget (one bounded connect + REGISTER)', () => {
  it('starts the UserAgent once, then only reconnects its transport; 2xx → registered', async () => {
    const { userAgent, registerer, scheduler, target } = setUp();
    const first = target.attempt({ freshTransport: false });
    await flush();
    registerer.answer(200);
    expect(await first).toEqual({ kind: 'registered' });
    expect(scheduler.pending).toBe(0);

    await userAgent.transport.disconnect();
    const second = target.attempt({ freshTransport: false });
    await flush();
    registerer.answer(200);
    expect(await second).toEqual({ kind: 'registered' });
    expect(userAgent.starts).toBe(1);
    expect(userAgent.transport.calls).toEqual(['connect', 'disconnect', 'connect']);
  });

  it('refused credentials (401, 403, 404, 407) are fatal; 5xx and 408 are worth a retry', async () => {
    for (const [status, kind] of [
      [401, 'fatal'],
      [403, 'fatal'],
      [404, 'fatal'],
      [407, 'fatal'],
      [408, 'retry'],
      [500, 'retry'],
      [503, 'retry'],
    ] as const) {
      const { registerer, target } = setUp();
      const attempt = target.attempt({ freshTransport: false });
      await flush();
      registerer.answer(status);
      expect((await attempt).kind, `status ${status}`).toBe(kind);
    }
  });

  it('an unreachable server is a retry', async () => {
    const { userAgent, target } = setUp();
    userAgent.transport.failConnect = true;
    expect(await target.attempt({ freshTransport: false })).toEqual({ kind: 'retry', reason: registrationErrors.unreachable });
  });

  it('a REGISTER nobody answers ends the attempt at the timeout and drops the (maybe dead) socket', async () => {
    const { userAgent, scheduler, target } = setUp();
    const attempt = target.attempt({ freshTransport: false });
    await flush();
    scheduler.fireAll();
    expect(await attempt).toEqual({ kind: 'retry', reason: registrationErrors.timeout });
    expect(userAgent.transport.connected).toBe(false);
  });

  it('the connection dropping during the REGISTER ends the attempt at once', async () => {
    const { userAgent, scheduler, target } = setUp();
    const attempt = target.attempt({ freshTransport: false });
    await flush();
    await userAgent.transport.disconnect();
    expect(await attempt).toEqual({ kind: 'retry', reason: registrationErrors.connectionLost });
    expect(scheduler.pending).toBe(0);
  });

  it('freshTransport drops a connected socket before connecting again', async () => {
    const { userAgent, registerer, target } = setUp();
    const first = target.attempt({ freshTransport: false });
    await flush();
    registerer.answer(200);
    await first;
    const fresh = target.attempt({ freshTransport: true });
    await flush();
    registerer.answer(200);
    expect(await fresh).toEqual({ kind: 'registered' });
    expect(userAgent.transport.calls).toEqual(['connect', 'disconnect', 'connect']);
  });

  it('waits for an earlier REGISTER still outstanding (SIP.js refuses a second), bounded', async () => {
    const { registerer, scheduler, target } = setUp();
    registerer.waiting = true;
    const attempt = target.attempt({ freshTransport: false });
    await flush();
    expect(registerer.delegates).toHaveLength(0);
    registerer.waiting = false;
    registerer.waitingChange.emit(false);
    await flush();
    expect(registerer.delegates).toHaveLength(1);
    registerer.answer(200);
    expect(await attempt).toEqual({ kind: 'registered' });

    registerer.waiting = true;
    const stuck = target.attempt({ freshTransport: false });
    await flush();
    scheduler.fireAll();
    expect(await stuck).toEqual({ kind: 'retry', reason: registrationErrors.timeout });
  });
});
