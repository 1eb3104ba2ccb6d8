/**
 * `npm run server -- call --from 090-1234-5678 --to 0355550100 [--server http://127.0.0.1:7080]`:
 * asks a running server (on loopback) to place a simulated inbound outside call whose caller speaks.
 */
import { parseArgs } from 'node:util';
import { fail, ok, type Result } from '../src-shared/contract/result.js';
import { PSTN_CALL_PATH } from './dev/pstn-call-routes.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './server-defaults.js';

export interface CallCommand {
  from: string;
  to: string;
  serverUrl: string;
}

export const CALL_USAGE = `Usage: npm run server -- call --from 090-1234-5678 --to 0355550100 [--server http://${DEFAULT_HOST}:${DEFAULT_PORT}]

  Places an inbound outside call from a simulated caller (who speaks) to a company or direct
  number of a tenant, through a server already running on loopback.`;

export function parseCallCommand(argv: readonly string[]): Result<CallCommand> {
  let values: { from?: string; to?: string; server?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { from: { type: 'string' }, to: { type: 'string' }, server: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail('invalid-argument', error instanceof Error ? error.message : String(error));
  }
  const from = values.from?.trim();
  const to = values.to?.trim();
  if (!from || !to) return fail('invalid-argument', '--from and --to are required');
  const serverUrl = (values.server?.trim() || `http://${DEFAULT_HOST}:${DEFAULT_PORT}`).replace(/\/+$/, '');
  return ok({ from, to, serverUrl });
}

/** Exit code: 0 ringing, 1 refused or unreachable. */
export async function runCallCommand(command: CallCommand): Promise<number> {
  let response: Response;
  try {
    response = await fetch(`${command.serverUrl}${PSTN_CALL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: command.from, to: command.to }),
    });
  } catch (error) {
    console.error(`No server at ${command.serverUrl} (${error instanceof Error ? error.message : String(error)}). Start it with npm run server.`);
    return 1;
  }
  const body = (await response.json().catch(() => ({}))) as { sipStatus?: number; reason?: string };
  if (response.status === 202) {
    console.log(`${command.from} → ${command.to}: ringing`);
    return 0;
  }
  console.error(`${command.from} → ${command.to}: ${body.sipStatus ?? response.status} ${body.reason ?? ''}`.trim());
  return 1;
}
