import { z } from 'zod';

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
  }),
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
