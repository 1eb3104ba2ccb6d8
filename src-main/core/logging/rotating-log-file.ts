/**
 * An append-only log file that rotates by size (plusphone.log → plusphone.1.log … .N.log), so a
 * softphone left running for months keeps a bounded, recent log for support. Synchronous writes:
 * the lines that matter most are the ones written just before a crash.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import type { LogFields, Logger } from './logger.js';

export interface RotatingLogFileOptions {
  path: string;
  maxBytes?: number;
  /** rotated files kept besides the current one */
  keep?: number;
}

type Level = 'debug' | 'info' | 'warn' | 'error';

export class RotatingLogFile {
  private size: number;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(private readonly options: RotatingLogFileOptions) {
    this.maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
    this.keep = options.keep ?? 4;
    mkdirSync(dirname(options.path), { recursive: true });
    this.size = existsSync(options.path) ? statSync(options.path).size : 0;
  }

  write(line: string): void {
    const text = line.endsWith('\n') ? line : `${line}\n`;
    const bytes = Buffer.byteLength(text);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    try {
      appendFileSync(this.options.path, text);
      this.size += bytes;
    } catch {
      // a full or read-only disk must not take the phone down with it
    }
  }

  /** The files, newest first (for "send the log to support"). */
  files(): string[] {
    return [this.options.path, ...Array.from({ length: this.keep }, (_, i) => this.rotatedPath(i + 1))].filter((p) => existsSync(p));
  }

  private rotate(): void {
    try {
      rmSync(this.rotatedPath(this.keep), { force: true });
      for (let i = this.keep - 1; i >= 1; i--) if (existsSync(this.rotatedPath(i))) renameSync(this.rotatedPath(i), this.rotatedPath(i + 1));
      if (this.keep >= 1) renameSync(this.options.path, this.rotatedPath(1));
      else rmSync(this.options.path, { force: true });
    } catch {
      // rotation failing (a file open in an editor on Windows) is not worth a crash; keep appending
    }
    this.size = existsSync(this.options.path) ? statSync(this.options.path).size : 0;
  }

  private rotatedPath(n: number): string {
    const { dir, name, ext } = parse(this.options.path);
    return join(dir, `${name}.${n}${ext}`);
  }
}

/** A Logger that writes to the file (and, optionally, to another logger such as the console). */
export function createFileLogger(file: RotatingLogFile, also?: Logger, bindings: LogFields = {}): Logger {
  const write = (level: Level, message: string, fields?: LogFields): void => {
    const all = { ...bindings, ...fields };
    const suffix = Object.keys(all).length > 0 ? ` ${safeJson(all)}` : '';
    file.write(`${new Date().toISOString()} ${level.padEnd(5)} ${message.replace(/[\r\n]+/g, ' ')}${suffix}`);
    also?.[level](message, fields);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (more) => createFileLogger(file, also?.child(more), { ...bindings, ...more }),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '"[unserialisable fields]"';
  }
}
