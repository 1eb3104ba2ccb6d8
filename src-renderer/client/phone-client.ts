import type { IpcArgs, IpcEvents, IpcMethod, IpcResult, IpcTopic } from '../../src-shared/contract/ipc-contract.js';
import { fail, type Result } from '../../src-shared/contract/result.js';
import type { RendererBridge, TransportMessages } from './renderer-bridge.js';

/**
 * The contract, typed, for views: `client.invoke('call.dial', { target })`. Whatever the
 * bridge does, callers get a Result; a bridge that throws becomes `{ok:false}`.
 */
export class PhoneClient {
  constructor(
    private readonly bridge: RendererBridge,
    private readonly messages: TransportMessages,
  ) {}

  async invoke<M extends IpcMethod>(method: M, args: IpcArgs<M>): Promise<Result<IpcResult<M>>> {
    try {
      // main answers with the contract's result type for this method (it is typed from the same map)
      return (await this.bridge.invoke(method, args)) as Result<IpcResult<M>>;
    } catch (error) {
      console.warn(`[plusphone] ${method} failed in transport`, error);
      return fail('unavailable', this.messages.unavailable);
    }
  }

  on<T extends IpcTopic>(topic: T, listener: (payload: IpcEvents[T]) => void): () => void {
    return this.bridge.on(topic, (payload) => listener(payload as IpcEvents[T]));
  }
}
