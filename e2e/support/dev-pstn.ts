import { expect, request } from '@playwright/test';
import { serverUrl } from './customer-page.js';

/**
 * An outside caller through the PSTN simulator (the server's loopback-only dev API): calls `to`
 * from `from`, and with `ivr` presses those keys once a voice menu answered. Resolves when the
 * server accepted the call (202: ringing or in the menu).
 */
export async function placePstnCall(call: { from: string; to: string; ivr?: string }): Promise<void> {
  const context = await request.newContext({ baseURL: serverUrl() });
  try {
    const response = await context.post('/api/dev/pstn-call', { data: call });
    expect(response.status(), await response.text()).toBe(202);
  } finally {
    await context.dispose();
  }
}
