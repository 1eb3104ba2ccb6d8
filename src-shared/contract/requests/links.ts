import { z } from 'zod';
import { request } from '../define.js';

const linkKind = z.enum(['crm', 'search']);
const linkValue = z.string().max(128);

/**
 * What to fill a link for: a line on screen (its remote, called and IVR numbers), or a number
 * typed or picked by the user (history, phonebook). `called` and `ivr` add to either.
 */
const linkTarget = z
  .object({
    kind: linkKind,
    lineId: z.string().min(1).max(64).optional(),
    number: linkValue.optional(),
    called: linkValue.optional(),
    ivr: linkValue.optional(),
  })
  .refine((args) => args.lineId !== undefined || args.number !== undefined, '通話または番号を指定してください');

/** CRM link (CRM連携) and number search (番号検索): src-main/core/links. */
export const linksRequests = {
  /** the filled-in http(s) URL; a clear error when no template is set or it cannot be built safely */
  'links.build': request<string>()(linkTarget),
  /**
   * Build the URL and hand it to the host's browser opener. `opened: false` means this host has
   * no opener (the browser host): the window opens `url` itself (window.open, noopener).
   */
  'links.open': request<{ url: string; opened: boolean }>()(linkTarget),
};
