import { fail } from '../src-shared/contract/result.js';
import type { ContractBridge, IpcRendererLike } from './bridge-types.js';
import { CONTRACT_METHODS, CONTRACT_TOPICS, contractChannel } from './contract-names.js';
import { asResult, errorText } from './result-shape.js';

/**
 * `window.plusphone` for UI windows: exactly the IPC contract. Unknown methods and topics are
 * refused here without touching ipcRenderer; listeners get the payload only, never the
 * IpcRendererEvent (whose `sender` would hand the page ipcRenderer itself).
 */
export function createContractBridge(ipc: IpcRendererLike): ContractBridge {
  return {
    invoke(method, args) {
      if (typeof method !== 'string' || !CONTRACT_METHODS.has(method)) {
        return Promise.resolve(fail('invalid-argument', `unknown method: ${String(method).slice(0, 64)}`));
      }
      try {
        return ipc.invoke(contractChannel(method), args).then(asResult, (error: unknown) =>
          fail('unavailable', `メインプロセスに届きません (${errorText(error)})`),
        );
      } catch (error) {
        // e.g. arguments that cannot be structured-cloned
        return Promise.resolve(fail('invalid-argument', errorText(error)));
      }
    },
    on(topic, listener) {
      if (typeof topic !== 'string' || !CONTRACT_TOPICS.has(topic)) {
        throw new TypeError(`unknown topic: ${String(topic).slice(0, 64)}`);
      }
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const channel = contractChannel(topic);
      const forward = (_event: unknown, payload: unknown): void => {
        try {
          listener(payload);
        } catch (error) {
          console.error(`[plusphone] listener for ${topic} failed`, error);
        }
      };
      ipc.on(channel, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, forward);
      };
    },
  };
}
