/**
 * `npm run server -- call --from 090-1234-5678 --to 0355550100 [--ivr 2] [--server http://127.0.0.1:7080]`:
 * asks a running server (on loopback) to place a simulated inbound outside call whose caller speaks
 * and, with `--ivr`, presses those keys (DTMF) once a voice menu has answered.
 */
import { parseArgs } from 'node:util';
import { fail, ok, type Result } from '../src-shared/contract/result.js';
import { IVR_KEYS, PSTN_CALL_PATH } from './dev/pstn-call-routes.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './server-defaults.js';

export interface CallCommand {
  from: string;
  to: string;
  /** keys the caller presses after a voice menu answered (0-9 * #, at most 8) */
  ivr?: string;
  serverUrl: string;
}

export const CALL_USAGE = `Usage: npm run server -- call --from 090-1234-5678 --to 0355550100 [--ivr 2] [--server http://${DEFAULT_HOST}:${DEFAULT_PORT}]

  Places an inbound outside call from a simulated caller (who speaks) to a company or direct
  number of a tenant, through a server already running on loopback. --ivr: the keys the caller
  presses (DTMF, 1–8 of 0-9 * #) when the number answers with a voice menu, e.g. --ivr 2 for
  06-6666-0200 (経理部 of the demo tenant 2).`;

const IVR_KEYS_ERROR = '--ivr takes the keys the caller presses: 1 to 8 of 0-9 * # (e.g. --ivr 2)';

export function parseCallCommand(argv: readonly string[]): Result<CallCommand> {
  let values: { from?: string; to?: string; server?: string; ivr?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { from: { type: 'string' }, to: { type: 'string' }, server: { type: 'string' }, ivr: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail('invalid-argument', error instanceof Error ? error.message : String(error));
  }
  const from = values.from?.trim();
  const to = values.to?.trim();
  if (!from || !to) return fail('invalid-argument', '--from and --to are required');
  const ivr = values.ivr?.trim();
  if (ivr !== undefined && !IVR_KEYS.test(ivr)) return fail('invalid-argument', IVR_KEYS_ERROR);
  const serverUrl = (values.server?.trim() || `http://${DEFAULT_HOST}:${DEFAULT_PORT}`).replace(/\/+$/, '');
  return ok({ from, to, ...(ivr !== undefined ? { ivr } : {}), serverUrl });
}

/** Exit code: 0 ringing, 1 refused or unreachable. */
export async function runCallCommand(command: CallCommand): Promise<number> {
  let response: Response;
  try {
    response = await fetch(`${command.serverUrl}${PSTN_CALL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: command.from, to: command.to, ...(command.ivr !== undefined ? { ivr: command.ivr } : {}) }),
    });
  } catch (error) {
    console.error(`No server at ${command.serverUrl} (${error instanceof Error ? error.message : String(error)}). Start it with npm run server.`);
    return 1;
  }
  const body = (await response.json().catch(() => ({}))) as { sipStatus?: number; reason?: string };
  if (response.status === 202) {
    console.log(`${command.from} → ${command.to}: ${body.sipStatus === 200 ? `answered by the voice menu${command.ivr ? `; pressing ${command.ivr}` : ''}` : 'ringing'}`);
    return 0;
  }
  console.error(`${command.from} → ${command.to}: ${body.sipStatus ?? response.status} ${body.reason ?? ''}`.trim());
  return 1;
}
