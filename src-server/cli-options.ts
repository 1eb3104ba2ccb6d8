import { parseArgs } from 'node:util';
import { fail, ok, type Result } from '../src-shared/contract/result.js';
import { AUDIO_CODEC_PREFERENCES, type AudioCodecPreference } from './pbx/index.js';
import { DEFAULT_DB_PATH, DEFAULT_HOST, DEFAULT_PORT } from './server-defaults.js';

function isAudioCodecPreference(value: string): value is AudioCodecPreference {
  return (AUDIO_CODEC_PREFERENCES as readonly string[]).includes(value);
}

/** Options of `npm run server`. */
export interface CliOptions {
  port: number;
  host: string;
  dbPath: string;
  /** paths of the PEM certificate and key: serve HTTPS/WSS (required for a non-loopback host) */
  tlsCert?: string;
  tlsKey?: string;
  /** only when --codec was given (the PBX defaults to Opus) */
  audioCodec?: AudioCodecPreference;
  help: boolean;
}

export const CLI_USAGE = `Usage: npm run server -- [--port 7080] [--host 127.0.0.1] [--db .data/plusphone.sqlite] [--tls-cert cert.pem --tls-key key.pem] [--codec opus|pcmu]

  --port  TCP port for HTTP and SIP over WebSocket (0 = any free port; default ${DEFAULT_PORT})
  --host  address to listen on; anything but loopback needs --tls-cert and --tls-key (default ${DEFAULT_HOST})
  --db    SQLite database file, created with its directory if missing (default ${DEFAULT_DB_PATH})
  --tls-cert, --tls-key  PEM certificate and private key files: serve HTTPS and WSS
  --codec the audio codec the PBX asks for: opus (wideband, default) or pcmu (G.711: less CPU per call)`;

export function parseCliOptions(argv: readonly string[]): Result<CliOptions> {
  let values: { port?: string; host?: string; db?: string; 'tls-cert'?: string; 'tls-key'?: string; codec?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        codec: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail('invalid-argument', error instanceof Error ? error.message : String(error));
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || !Number.isInteger(port) || port < 0 || port > 65_535) {
    return fail('invalid-argument', `--port must be a number from 0 to 65535 (got "${values.port}")`);
  }
  const host = values.host?.trim() || DEFAULT_HOST;
  const dbPath = values.db?.trim() || DEFAULT_DB_PATH;
  const tlsCert = values['tls-cert']?.trim() || undefined;
  const tlsKey = values['tls-key']?.trim() || undefined;
  if ((tlsCert === undefined) !== (tlsKey === undefined)) return fail('invalid-argument', '--tls-cert and --tls-key go together');
  const codec = values.codec?.trim().toLowerCase();
  if (codec !== undefined && !isAudioCodecPreference(codec)) {
    return fail('invalid-argument', `--codec must be one of ${AUDIO_CODEC_PREFERENCES.join(', ')} (got "${values.codec}")`);
  }
  return ok({
    port,
    host,
    dbPath,
    help: values.help ?? false,
    ...(tlsCert && tlsKey ? { tlsCert, tlsKey } : {}),
    ...(codec !== undefined ? { audioCodec: codec } : {}),
  });
}
