// `npm run server`: the bundled server with the demo tenant, until Ctrl+C.
import { formatJapaneseNumber } from '../src-shared/domain/phone-number.js';
import { startServer, type RunningServer } from './app.js';
import { CALL_USAGE, parseCallCommand, runCallCommand } from './cli-call.js';
import { CLI_USAGE, parseCliOptions } from './cli-options.js';
import { createConsoleLogger } from './log/console-logger.js';
import { DEMO_TENANT } from './store/demo-tenant.js';

const SHUTDOWN_GRACE_MS = 10_000;

async function callCommand(argv: readonly string[]): Promise<never> {
  const parsed = parseCallCommand(argv);
  if (!parsed.ok) {
    console.error(`${parsed.error.message}\n\n${CALL_USAGE}`);
    process.exit(2);
  }
  process.exit(await runCallCommand(parsed.value));
}

async function main(): Promise<void> {
  if (process.argv[2] === 'call') await callCommand(process.argv.slice(3));
  const parsed = parseCliOptions(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.error.message}\n\n${CLI_USAGE}`);
    process.exit(2);
  }
  if (parsed.value.help) {
    console.log(CLI_USAGE);
    process.exit(0);
  }
  const { port, host, dbPath, tlsCert, tlsKey, audioCodec } = parsed.value;
  const logger = createConsoleLogger({ level: 'info' });

  let server: RunningServer;
  try {
    server = await startServer({
      port,
      host,
      dbPath,
      logger,
      devPstnCallApi: true,
      ...(tlsCert && tlsKey ? { tlsCert, tlsKey } : {}),
      ...(audioCodec ? { audioCodec } : {}),
    });
  } catch (error) {
    console.error(`PlusPhone server did not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }

  console.log(`PlusPhone server
  provisioning API   ${server.httpUrl}   (POST /api/softphone/login)
  customer page      ${server.httpUrl}/customer/   (主番号 ${formatJapaneseNumber(DEMO_TENANT.ids[0]?.directNumber ?? '')} / ${DEMO_TENANT.ids[0]?.password ?? ''})
  SIP over WebSocket ${server.sipWsUrl}
  simulated caller   npm run server -- call --from 090-1234-5678 --to 0355550100   (PSTN simulator: README)
  voice menu (IVR)   npm run server -- call --from 090-1234-5678 --to 0666660200 --ivr 2
  database           ${dbPath}

Demo tenant ${DEMO_TENANT.name} (seeded into an empty database; login ID = direct number):
${DEMO_TENANT.ids
  .map((id) => `  ${id.key}  ${formatJapaneseNumber(id.directNumber)}  内線 ${id.extension}  ${id.displayName}  password ${id.password}`)
  .join('\n')}

Ctrl+C stops the server.`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: stopping…`);
    const force = setTimeout(() => {
      console.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// @roamhq/wrtc can crash during natural process exit, so every path out ends in process.exit.
await main();
