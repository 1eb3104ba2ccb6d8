import { findElectronBinary } from '../../src-main/electron/electron-binary.js';

export type ElectronAvailability = { ok: true; executablePath: string } | { ok: false; reason: string };

/**
 * Whether this machine can run the Electron suite: an Electron binary (ELECTRON_OVERRIDE_DIST_PATH
 * or node_modules/electron, found like `npm start` finds it) and, on Linux, a display for its
 * windows. Never throws; when not ok, `reason` says what is missing and how to get it.
 */
export function electronAvailability(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): ElectronAvailability {
  const binary = findElectronBinary({ env, platform });
  if (!binary.ok) return { ok: false, reason: binary.reason };
  if (platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
    return {
      ok: false,
      reason:
        'Electron のウィンドウを表示するディスプレイがありません (DISPLAY / WAYLAND_DISPLAY 未設定)。xvfb-run -a で実行してください。' +
        ' / No display for the Electron windows (DISPLAY / WAYLAND_DISPLAY unset): run under `xvfb-run -a`.',
    };
  }
  return { ok: true, executablePath: binary.path };
}

/** The one line the runner prints, and the reason every skipped test carries. */
export function electronSkipMessage(reason: string): string {
  return `Electron suite skipped: ${reason}`;
}
