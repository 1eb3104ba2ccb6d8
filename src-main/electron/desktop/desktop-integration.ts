/**
 * Windows desktop integration: PlusPhone as the handler of `tel:`, `callto:` and `sip:` links,
 * and the start-at-login option. Registration is per user (HKCU), as the installer is.
 */
import { DIAL_PROTOCOLS, type DialProtocol } from './dial-request.js';

export interface DesktopAppLike {
  readonly isPackaged: boolean;
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface LaunchCommand {
  /** process.execPath */
  execPath: string;
  /** in development, the app's entry script: Windows must start `electron.exe <script> <link>` */
  entryScript: string | undefined;
}

/** Register every dial protocol; returns which registrations the system accepted. */
export function registerDialProtocols(app: DesktopAppLike, launch: LaunchCommand): Record<DialProtocol, boolean> {
  const result = {} as Record<DialProtocol, boolean>;
  for (const protocol of DIAL_PROTOCOLS) {
    try {
      result[protocol] =
        app.isPackaged || !launch.entryScript
          ? app.setAsDefaultProtocolClient(protocol)
          : app.setAsDefaultProtocolClient(protocol, launch.execPath, [launch.entryScript, '--']);
    } catch {
      result[protocol] = false;
    }
  }
  return result;
}

/** Start with Windows (hidden in the tray) or not. */
export function applyStartAtLogin(app: DesktopAppLike, openAtLogin: boolean): void {
  app.setLoginItemSettings({ openAtLogin, args: openAtLogin ? ['--hidden'] : [] });
}
