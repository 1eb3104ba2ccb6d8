import { SubscriptionState, UserAgent, type Subscriber, type SubscriberOptions, type URI } from 'sip.js';
import type { ColleagueSnapshot, ParkSlotSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import type { SoftphoneConfig } from '../../../src-shared/provisioning/softphone-config.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import { DIALOG_INFO_CONTENT_TYPE, parseDialogInfo } from './dialog-info.js';
import { WatchedResource } from './watched-resource.js';

/** Only what the watcher needs from the SIP endpoint. */
export interface SubscriberFactory {
  makeSubscriber(target: URI, eventType: string, options: SubscriberOptions): Subscriber;
}

export interface PresenceWatcherOptions {
  endpoint: SubscriberFactory;
  logger: Logger;
  now: () => number;
  onChange: () => void;
  /** SUBSCRIBE expiry; SIP.js refreshes before it runs out (default 600 s) */
  expiresSeconds?: number;
}

type Colleague = NonNullable<SoftphoneConfig['colleagues']>[number];
type ParkSlot = NonNullable<SoftphoneConfig['parkSlots']>[number];

interface Watch {
  uri: URI;
  resource: WatchedResource;
  subscriber: Subscriber | undefined;
}

const DEFAULT_EXPIRES_S = 600;

/**
 * Everyone's line state: one dialog-event subscription (RFC 4235: `Event: dialog`,
 * `Accept: application/dialog-info+xml`) per colleague and per park slot named by provisioning.
 * `start()` subscribes (again) to everything: the account calls it whenever the phone is
 * registered anew (first login, after a reconnect), because subscriptions do not survive a lost
 * connection. A subscription that ends shows as unknown / free until the next start().
 */
export class PresenceWatcher {
  private colleagues: Array<Colleague & Watch> = [];
  private slots: Array<ParkSlot & Watch> = [];
  private running = false;
  private disposed = false;

  constructor(private readonly options: PresenceWatcherOptions) {}

  /** The resources to watch (from provisioning); running subscriptions follow at once. */
  configure(colleagues: readonly Colleague[], parkSlots: readonly ParkSlot[]): void {
    const same =
      JSON.stringify(colleagues) === JSON.stringify(this.colleagues.map(({ extension, displayName, sipUri }) => ({ extension, displayName, sipUri }))) &&
      JSON.stringify(parkSlots) === JSON.stringify(this.slots.map(({ code, name, sipUri }) => ({ code, ...(name !== undefined ? { name } : {}), sipUri })));
    if (same) return;
    this.stopAll();
    this.colleagues = colleagues.flatMap((colleague) => withWatch(colleague));
    this.slots = parkSlots.flatMap((slot) => withWatch(slot));
    if (this.running) this.subscribeAll();
    this.options.onChange();
  }

  start(): void {
    if (this.disposed) return;
    this.running = true;
    this.stopAll();
    this.subscribeAll();
  }

  /** The connection is gone: the subscriptions with it. Shows everything as unknown. */
  suspend(): void {
    this.running = false;
    this.stopAll();
    this.options.onChange();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.running = false;
    this.stopAll();
  }

  colleagueSnapshots(): ColleagueSnapshot[] {
    return this.colleagues.map(({ extension, displayName, resource }) => ({
      extension,
      name: displayName,
      ...resource.colleagueState(),
    }));
  }

  parkSlotSnapshots(): ParkSlotSnapshot[] {
    return this.slots.map(({ code, name, resource }) => ({ code, ...(name ? { name } : {}), ...resource.parkSlotState() }));
  }

  private subscribeAll(): void {
    for (const watch of [...this.colleagues, ...this.slots]) this.subscribe(watch);
  }

  private subscribe(watch: Watch): void {
    const subscriber = this.options.endpoint.makeSubscriber(watch.uri, 'dialog', {
      expires: this.options.expiresSeconds ?? DEFAULT_EXPIRES_S,
      extraHeaders: [`Accept: ${DIALOG_INFO_CONTENT_TYPE}`],
    });
    watch.subscriber = subscriber;
    subscriber.delegate = {
      onNotify: (notification) => {
        notification.accept().catch(() => undefined);
        if (watch.subscriber !== subscriber) return;
        const document = parseDialogInfo(notification.request.body);
        if (!document) {
          this.options.logger.debug('unusable dialog-info NOTIFY', { resource: watch.uri.toString() });
          return;
        }
        if (watch.resource.apply(document, this.options.now())) this.options.onChange();
      },
    };
    subscriber.stateChange.addListener((state) => {
      if (state !== SubscriptionState.Terminated || watch.subscriber !== subscriber) return;
      watch.subscriber = undefined;
      watch.resource.forget();
      this.options.onChange();
    });
    subscriber.subscribe().catch((error: unknown) => {
      this.options.logger.warn('SUBSCRIBE failed', { resource: watch.uri.toString(), error: errorMessage(error) });
    });
  }

  private stopAll(): void {
    for (const watch of [...this.colleagues, ...this.slots]) {
      const subscriber = watch.subscriber;
      watch.subscriber = undefined;
      watch.resource.forget();
      if (!subscriber) continue;
      // unsubscribe sends SUBSCRIBE Expires: 0 when the dialog exists; dispose releases it either way
      subscriber.dispose().catch(() => undefined);
    }
  }
}

function withWatch<T extends { sipUri: string }>(item: T): Array<T & Watch> {
  const uri = UserAgent.makeURI(item.sipUri);
  return uri ? [{ ...item, uri, resource: new WatchedResource(), subscriber: undefined }] : [];
}
