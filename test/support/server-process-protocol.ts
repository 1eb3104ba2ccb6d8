/** Between server-process.ts (parent) and server-process-entry.ts (child). */
export const SERVER_READY_PREFIX = 'PLUSPHONE_TEST_SERVER_READY ';

export interface ServerProcessReady {
  httpUrl: string;
  sipWsUrl: string;
  port: number;
  pid: number;
}
