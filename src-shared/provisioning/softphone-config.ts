import { z } from 'zod';
import { LINK_TEMPLATE_MAX_LENGTH } from './link-template.js';

/**
 * What `POST /api/softphone/login` returns. The server builds it, the core validates it:
 * everything PBX-specific (feature codes, DTMF mode, header names) comes from here.
 */
export const callerNumberOptionSchema = z.object({
  number: z.string().regex(/^\d{2,20}$/),
  label: z.string().max(64),
  kind: z.enum(['contract', 'additional', 'direct']),
});

export const featureCodesSchema = z.object({
  park: z.string().max(8),
  parkSlots: z.array(z.string().max(8)).max(32),
  groupPickup: z.string().max(8),
  directedPickupPrefix: z.string().max(8),
});

const sipUriSchema = z.string().max(256).regex(/^sip:[^\s<>"]+$/);

export const colleagueSchema = z.object({
  extension: z.string().regex(/^\d{2,6}$/),
  displayName: z.string().max(64),
  /** the resource to SUBSCRIBE to, e.g. sip:202@plusphone.test */
  sipUri: sipUriSchema,
});

export const parkSlotSchema = z.object({
  code: z.string().regex(/^[0-9*#]{1,8}$/),
  name: z.string().max(64).optional(),
  /** the resource to SUBSCRIBE to, e.g. sip:*71@plusphone.test */
  sipUri: sipUriSchema,
});

const providedLinkTemplate = z.string().max(LINK_TEMPLATE_MAX_LENGTH).nullable();

export const softphoneConfigSchema = z.object({
  sip: z.object({
    wsUrl: z.string().regex(/^wss?:\/\//),
    /** e.g. sip:05030000001@plusphone.test */
    uri: z.string().startsWith('sip:'),
    authorizationUsername: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
    displayName: z.string().max(64),
  }),
  account: z.object({
    loginId: z.string(),
    tenantName: z.string().max(128),
    displayName: z.string().max(64),
    extension: z.string().regex(/^\d{2,6}$/),
    directNumber: z.string().regex(/^\d{10,11}$/),
  }),
  callerNumbers: z.array(callerNumberOptionSchema).min(1).max(8),
  defaultCallerNumber: z.string().regex(/^\d{2,20}$/),
  featureCodes: featureCodesSchema,
  dtmfMode: z.enum(['info', 'rfc4733']),
  headers: z.object({
    callerNumberRequest: z.string(),
    calledParty: z.string(),
    ivrDigits: z.string(),
    /**
     * The INVITE header that makes the softphone answer by itself (intercom / paging):
     * `Name` (present = auto-answer) or `Name: fragment` (the value must contain the fragment,
     * case-insensitive). Absent: the core's default `Call-Info: answer-after=0` (RFC 5373 style).
     */
    intercom: z.string().max(128).optional(),
  }),
  /** how many calls this ID may have at once (absent: the core's default, 4) */
  maxLines: z.number().int().min(1).max(16).optional(),
  /** colleagues whose line state the softphone watches (dialog event package, RFC 4235) */
  colleagues: z.array(colleagueSchema).max(200).optional(),
  /** park slots the softphone watches; `code` retrieves the slot */
  parkSlots: z.array(parkSlotSchema).max(32).optional(),
  /**
   * CRM link and number search templates, null = not set; absent from older servers. Checked
   * when a link is built (provisioning/link-template.ts), so one bad template never blocks login.
   */
  links: z.object({ crm: providedLinkTemplate, numberSearch: providedLinkTemplate }).optional(),
  /** where the Windows app looks for updates (electron-updater generic feed); absent: no updates */
  updates: z.object({ feedUrl: z.string().regex(/^https?:\/\/[^\s]+$/).max(2048) }).optional(),
});
export type SoftphoneConfig = z.infer<typeof softphoneConfigSchema>;

export const loginRequestSchema = z.object({
  loginId: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const loginResponseSchema = z.object({
  token: z.string().min(16),
  expiresAt: z.number().int(),
  config: softphoneConfigSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** Error body of every failed API call. */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
