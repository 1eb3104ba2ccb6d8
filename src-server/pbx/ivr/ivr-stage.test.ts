import { describe, expect, it } from 'vitest';
import { type CallerLegListener } from '../b2bua/caller-leg.js';
import { type CallerSide } from '../b2bua/caller-side.js';
import { type LegEndListener } from '../b2bua/leg.js';
import { silentLogger } from '../logger.js';
import { type AudioFrame } from '../media/wrtc.js';
import { PstnCaller } from '../pstn/pstn-caller.js';
import { type IvrMenu } from './ivr-menu.js';
import { IvrStage, type IvrAbandon, type IvrChoice } from './ivr-stage.js';

const MENU: IvrMenu = {
  prompt: 'keiri-menu-ja',
  options: [
    { digits: '1', label: 'お支払い', ringSet: [1] },
    { digits: '2', label: 'ご請求', ringSet: [2, 3] },
    { digits: '31', label: 'その他', ringSet: [3] },
  ],
  timeoutSeconds: 1,
  repeats: 1,
  onNoChoice: 'ringSet',
};

/** 200 ms of a loud square wave: easy to tell from silence. */
const PROMPT = Int16Array.from({ length: 9600 }, (_, i) => (Math.floor(i / 24) % 2 === 0 ? 8000 : -8000));

/** An in-process caller that records what it hears and what it was told. */
class FakeCaller implements CallerSide {
  readonly connection = undefined;
  readonly identity = { number: '09012345678', displayName: '' };
  readonly heard: AudioFrame[] = [];
  terminatedWith: number | undefined;
  confirmed = false;
  private resolveFinished: () => void = () => undefined;
  readonly finished = new Promise<void>((resolve) => (this.resolveFinished = resolve));
  readonly media = { onAudio: () => () => undefined, pushAudio: (frame: AudioFrame) => void this.heard.push(frame) };

  constructor(public owner: LegEndListener) {}
  get isDisposed(): boolean {
    return this.terminatedWith !== undefined;
  }
  get isConfirmed(): boolean {
    return this.confirmed;
  }
  prepareAnswer(): Promise<void> {
    return Promise.resolve();
  }
  ringing(): void {}
  accept(): Promise<void> {
    this.confirmed = true;
    return Promise.resolve();
  }
  terminate(status: number): void {
    this.terminatedWith ??= status;
    this.resolveFinished();
  }
  rebind(listener: LegEndListener): void {
    this.owner = listener;
  }
  hangUp(): void {
    this.terminate(0);
  }
  press(keys: string): void {
    for (const key of keys) this.owner.onLegDtmf?.(this, key, 100);
  }
  /** frames with sound in them so far */
  get loudFrames(): number {
    return this.heard.filter((frame) => frame.samples.some((s) => s !== 0)).length;
  }
}

interface Run {
  stage: IvrStage;
  caller: FakeCaller;
  outcome: Promise<{ choice?: IvrChoice; abandon?: IvrAbandon }>;
}

function run(menu: IvrMenu = MENU): Run {
  let caller!: FakeCaller;
  let settle: (value: { choice?: IvrChoice; abandon?: IvrAbandon }) => void = () => undefined;
  const outcome = new Promise<{ choice?: IvrChoice; abandon?: IvrAbandon }>((resolve) => (settle = resolve));
  const stage = new IvrStage({
    menu,
    caller: (listener) => (caller = new FakeCaller(listener)),
    logger: silentLogger,
    promptPcm: PROMPT,
    onChoice: (choice) => settle({ choice }),
    onAbandoned: (abandon) => settle({ abandon }),
  });
  stage.start();
  return { stage, caller, outcome };
}

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('IVR stage', () => {
  it('answers at once, plays the prompt, and hands the caller over with the option its keys chose', async () => {
    const { stage, caller, outcome } = run();
    await until(() => caller.loudFrames >= 5);
    expect(caller.confirmed).toBe(true);
    expect(stage.currentState).toBe('menu');
    caller.press('3');
    expect(stage.currentState).toBe('menu'); // "3" begins "31": wait for more
    caller.press('1');
    const { choice } = await outcome;
    expect(choice).toMatchObject({ kind: 'option', digits: '31', option: { ringSet: [3] } });
    expect(stage.currentState).toBe('handedOver');
    expect(caller.terminatedWith).toBeUndefined();
  });

  it('plays the prompt again after an unknown key, then falls back to the ring set when nothing comes', async () => {
    const { caller, outcome } = run();
    await until(() => caller.loudFrames >= 5);
    caller.press('9');
    const afterFirst = caller.loudFrames;
    await until(() => caller.loudFrames >= afterFirst + 15); // the prompt again
    const started = performance.now();
    expect((await outcome).choice).toEqual({ kind: 'noChoice' });
    // the second prompt (200 ms), then the key timeout (1 s)
    expect(performance.now() - started).toBeGreaterThan(900);
  });

  it('hangs up when the menu says so after the last prompt', async () => {
    const { caller, outcome } = run({ ...MENU, repeats: 0, onNoChoice: 'hangUp' });
    await until(() => caller.loudFrames >= 5);
    caller.press('#');
    expect((await outcome).abandon).toEqual({ reason: 'noChoice', status: 480 });
    expect(caller.terminatedWith).toBe(480);
  });

  it('lets go when the caller hangs up during the menu', async () => {
    const { stage, caller, outcome } = run();
    await until(() => caller.loudFrames >= 1);
    stage.onLegEnded(caller, 'bye');
    expect((await outcome).abandon).toEqual({ reason: 'callerLeft', status: 487 });
    expect(caller.terminatedWith).toBe(487);
    expect(stage.currentState).toBe('ended');
    caller.press('1'); // too late: nothing happens
    expect(stage.currentState).toBe('ended');
  });

  it('takes the keys of the simulated PSTN caller (`--ivr`)', async () => {
    let settle: (choice: IvrChoice) => void = () => undefined;
    const chosen = new Promise<IvrChoice>((resolve) => (settle = resolve));
    let pstn: PstnCaller | undefined;
    const stage = new IvrStage({
      menu: MENU,
      caller: (listener: CallerLegListener) => (pstn = new PstnCaller(listener, '09012345678', 60_000, '2')),
      logger: silentLogger,
      promptPcm: PROMPT,
      onChoice: (choice) => settle(choice),
      onAbandoned: () => undefined,
    });
    stage.start();
    expect(await chosen).toMatchObject({ kind: 'option', digits: '2', option: { ringSet: [2, 3] } });
    pstn?.terminate();
  });
});
