import { z } from 'zod';

/** GET /host-config.json of the browser host: what the login form starts with. */
const hostConfigSchema = z.object({ defaultServerUrl: z.string().url().max(2048) });
export type HostConfig = z.infer<typeof hostConfigSchema>;

export async function fetchHostConfig(fetchImpl: typeof fetch = fetch): Promise<HostConfig | null> {
  try {
    const response = await fetchImpl('/host-config.json', { cache: 'no-store' });
    if (!response.ok) return null;
    const parsed = hostConfigSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** ws://host:port/ipc for a page served at http://host:port/… */
export function ipcSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ipc`;
}
