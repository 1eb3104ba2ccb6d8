import type { HandlersOf } from '../../../src-shared/contract/define.js';
import { dispatchRequest } from '../../../src-shared/contract/dispatch.js';
import { ipcChannel, ipcMethods, ipcRequests, type IpcRequests } from '../../../src-shared/contract/ipc-contract.js';
import { fail, type Result } from '../../../src-shared/contract/result.js';
import type { Logger } from '../../core/logging/logger.js';
import type { IpcMainLike, IpcSenderEvent } from '../electron-api.js';

/**
 * Serves the IPC contract: one `ipcMain.handle` per contract method, each checking the sender
 * first and then validating and running the call through dispatchRequest. Answers are always
 * Results; nothing throws back into the renderer.
 */
export class IpcRequestRouter {
  private registered: string[] = [];

  constructor(
    private readonly deps: {
      ipcMain: IpcMainLike;
      handlers: HandlersOf<IpcRequests>;
      isTrustedSender: (event: IpcSenderEvent) => boolean;
      logger: Logger;
    },
  ) {}

  start(): void {
    if (this.registered.length > 0) return;
    for (const method of ipcMethods) {
      const channel = ipcChannel(method);
      this.deps.ipcMain.handle(channel, (event, args) => this.handle(method, event, args));
      this.registered.push(channel);
    }
  }

  dispose(): void {
    for (const channel of this.registered) this.deps.ipcMain.removeHandler(channel);
    this.registered = [];
  }

  private async handle(method: string, event: IpcSenderEvent, args: unknown): Promise<Result<unknown>> {
    if (!this.deps.isTrustedSender(event)) {
      this.deps.logger.warn('refused an IPC request from an untrusted sender', {
        method,
        url: event.senderFrame?.url.slice(0, 200) ?? null,
      });
      return fail('forbidden', 'この画面からは操作できません (request from an untrusted page)');
    }
    return dispatchRequest(ipcRequests, this.deps.handlers, method, args);
  }
}
