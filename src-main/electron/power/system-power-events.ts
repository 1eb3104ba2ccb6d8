/**
 * Passes the system's suspend / resume (and lock-free network changes the renderer reports) to the
 * core, whose reconnect logic decides what to do: stop retrying while asleep, reconnect at once
 * on resume.
 */
export type SystemPowerEvent = 'suspend' | 'resume';

export interface PowerMonitorLike {
  on(event: SystemPowerEvent, listener: () => void): this;
  removeListener(event: SystemPowerEvent, listener: () => void): this;
}

export function forwardPowerEvents(monitor: PowerMonitorLike, deliver: (event: SystemPowerEvent) => void): () => void {
  const onSuspend = (): void => deliver('suspend');
  const onResume = (): void => deliver('resume');
  monitor.on('suspend', onSuspend);
  monitor.on('resume', onResume);
  return () => {
    monitor.removeListener('suspend', onSuspend);
    monitor.removeListener('resume', onResume);
  };
}
