import { ipcChannel, type IpcEvents, type IpcTopic } from '../../../src-shared/contract/ipc-contract.js';
import type { Logger } from '../../core/logging/logger.js';
import { errorMessage } from '../../core/logging/logger.js';
import type { WebContentsLike } from '../electron-api.js';

/** Pushes contract events (e.g. 'phone.snapshot') to every live UI window. */
export class TopicPublisher {
  constructor(
    private readonly targets: () => readonly WebContentsLike[],
    private readonly logger: Logger,
  ) {}

  publish<T extends IpcTopic>(topic: T, payload: IpcEvents[T]): void {
    const channel = ipcChannel(topic);
    for (const contents of this.targets()) {
      if (contents.isDestroyed()) continue;
      try {
        contents.send(channel, payload);
      } catch (error) {
        // a window torn down between the check and the send; the others still get it
        this.logger.warn('could not deliver an event to a window', { topic, error: errorMessage(error) });
      }
    }
  }
}
