import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinaryLookup = { ok: true; path: string } | { ok: false; reason: string };

export interface ElectronBinaryLookupOptions {
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** directory of the installed `electron` npm package, or null when it is not installed */
  electronPackageDir?: () => string | null;
}

/**
 * Where the Electron executable is, found the way the `electron` npm package finds it but
 * without importing that package: its main module downloads the binary, or throws, when the
 * binary is missing. Checks ELECTRON_OVERRIDE_DIST_PATH first, then node_modules/electron
 * (path.txt names the executable inside dist/). Never throws; a missing binary gives a reason
 * in Japanese and English that `npm start` prints before falling back to the browser host.
 */
export function findElectronBinary(options: ElectronBinaryLookupOptions = {}): ElectronBinaryLookup {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const packageDir = (options.electronPackageDir ?? installedElectronPackageDir)();
  const executable = (packageDir && readPathTxt(packageDir)) || defaultExecutable(platform);

  const overrideDir = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (overrideDir) {
    const candidate = join(overrideDir, executable);
    return isFile(candidate)
      ? { ok: true, path: candidate }
      : {
          ok: false,
          reason:
            `ELECTRON_OVERRIDE_DIST_PATH (${overrideDir}) に Electron の実行ファイル ${executable} がありません。` +
            ` / ELECTRON_OVERRIDE_DIST_PATH (${overrideDir}) does not contain the Electron executable ${executable}.`,
        };
  }
  if (packageDir === null) {
    return {
      ok: false,
      reason:
        'electron パッケージがインストールされていません (npm install を実行してください)。' +
        ' / The electron package is not installed (run npm install).',
    };
  }
  if (readPathTxt(packageDir) === null) {
    return {
      ok: false,
      reason:
        'Electron 本体がダウンロードされていません (インストール時にネットワークがなかった可能性があります)。' +
        'ELECTRON_OVERRIDE_DIST_PATH に Electron を展開したフォルダを指定してください。' +
        ' / The Electron binary was not downloaded (no network during install?).' +
        ' Set ELECTRON_OVERRIDE_DIST_PATH to a folder with an unpacked Electron build.',
    };
  }
  const candidate = join(packageDir, 'dist', executable);
  return isFile(candidate)
    ? { ok: true, path: candidate }
    : {
        ok: false,
        reason:
          `Electron の実行ファイルが見つかりません: ${candidate}。npm install をやり直すか ELECTRON_OVERRIDE_DIST_PATH を指定してください。` +
          ` / The Electron executable is missing: ${candidate}. Reinstall, or set ELECTRON_OVERRIDE_DIST_PATH.`,
      };
}

/** Resolves the package directory through its package.json, which never runs the package. */
function installedElectronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function readPathTxt(packageDir: string): string | null {
  try {
    const text = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
    return text.length > 0 ? text : null;
  } catch {
    return null;
  }
}

/** What electron's install.js writes to path.txt on each platform. */
function defaultExecutable(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'win32':
      return 'electron.exe';
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    default:
      return 'electron';
  }
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
