import { ContractFailure } from '../../../src-shared/contract/result.js';
import type { LineSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import type { CallControl } from './call-control.js';
import { Line, type LineInit } from './line.js';

export interface LineEntry {
  line: Line;
  control: CallControl;
}

export interface LineRegistryOptions {
  now: () => number;
  /** how long an ended line stays in the snapshot so windows can show why it ended */
  endedLineRetentionMs: number;
  /** called after every change of any line (state, name, removal) */
  onChange: () => void;
  /** a line reached `ended` (once per line, before onChange): history records it here */
  onLineEnded?: (line: LineSnapshot) => void;
}

/**
 * The lines of the logged-in account. Ended lines stay visible for a short while (the UI shows
 * "相手が切断しました" etc.) and are then removed.
 */
export class LineRegistry {
  private readonly entries = new Map<string, LineEntry>();
  private readonly removalTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private nextId = 1;

  constructor(private readonly options: LineRegistryOptions) {}

  add(init: Omit<LineInit, 'id' | 'startedAt'>, createControl: (line: Line) => CallControl): Line {
    const id = `line-${this.nextId++}`;
    const line = new Line({ ...init, id, startedAt: this.options.now() }, (changed) => this.onLineChanged(changed));
    const control = createControl(line);
    this.entries.set(id, { line, control });
    this.options.onChange();
    return line;
  }

  /** The entry for an intent; unknown ids are the caller's mistake and get a clear message. */
  require(lineId: string): LineEntry {
    const entry = this.entries.get(lineId);
    if (!entry) throw new ContractFailure('not-found', '指定された通話が見つかりません');
    return entry;
  }

  liveLines(): Line[] {
    return [...this.entries.values()].filter((e) => e.line.isLive).map((e) => e.line);
  }

  liveEntries(): LineEntry[] {
    return [...this.entries.values()].filter((e) => e.line.isLive);
  }

  snapshots(): LineSnapshot[] {
    return [...this.entries.values()].map((e) => e.line.snapshot());
  }

  /** Drop every line without signalling (the account is gone); listeners are detached. */
  clear(): void {
    for (const timer of this.removalTimers.values()) clearTimeout(timer);
    this.removalTimers.clear();
    // ended lines were detached when they ended
    for (const { line, control } of this.entries.values()) if (line.isLive) control.detach();
    const hadLines = this.entries.size > 0;
    this.entries.clear();
    if (hadLines) this.options.onChange();
  }

  private onLineChanged(line: Line): void {
    if (!line.isLive && !this.removalTimers.has(line.id)) {
      this.entries.get(line.id)?.control.detach();
      const timer = setTimeout(() => this.remove(line.id), this.options.endedLineRetentionMs);
      // an ended line on screen must not keep a Node process (test, CLI) alive
      timer.unref?.();
      this.removalTimers.set(line.id, timer);
      this.options.onLineEnded?.(line.snapshot());
    }
    this.options.onChange();
  }

  private remove(lineId: string): void {
    this.removalTimers.delete(lineId);
    if (this.entries.delete(lineId)) this.options.onChange();
  }
}
