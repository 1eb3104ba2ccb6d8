import { z } from 'zod';
import { request } from '../define.js';

/**
 * The SIP connection (issue 5 point 8). The core reconnects by itself; these are what a window
 * adds: the page's own view of the network (its `online` / `offline` events, which is how the
 * browser host learns of network changes) and the user's 再接続 (try now, also out of offline).
 */
export const connectionRequests = {
  'connection.networkChanged': request<null>()(z.object({ online: z.boolean() })),
  'connection.retry': request<null>()(z.object({})),
};
