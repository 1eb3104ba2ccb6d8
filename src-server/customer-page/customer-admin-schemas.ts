import { z } from 'zod';
import { digitsOf } from '../../src-shared/domain/phone-number.js';

/**
 * Request bodies of the customer API. The shapes are checked here (400 'invalid-argument'); the
 * contract rules (formats of extensions and numbers, lengths, limits) are checked by
 * store/admin-rules.ts, so their errors name the rule.
 */
const phoneNumber = z.string().max(32).transform((value) => digitsOf(value));

export const idPatchSchema = z
  .object({
    defaultCallerNumber: phoneNumber.optional(),
    displayName: z.string().max(256).optional(),
    extension: z.string().trim().max(16).optional(),
    password: z.string().max(1024).optional(),
    deviceKind: z.string().max(32).optional(),
    softphoneOption: z.boolean().optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: '変更する項目がありません' });

export const ringSetSchema = z.object({ idIds: z.array(z.number().int().positive()).max(1000) }).strict();

export const numberLabelSchema = z.object({ label: z.string().max(256) }).strict();

export const newNumberSchema = z.object({ number: phoneNumber, label: z.string().max(256).default('') }).strict();

export const newIdSchema = z
  .object({
    displayName: z.string().max(256),
    extension: z.string().trim().max(16),
    password: z.string().max(1024),
    deviceKind: z.string().max(32),
    softphoneOption: z.boolean().optional(),
    directNumber: phoneNumber.optional(),
  })
  .strict();

/** A `:idId` / `:numberId` path segment: a positive integer, else the resource does not exist. */
export function pathId(value: string | undefined): number | undefined {
  if (value === undefined || !/^[1-9]\d{0,15}$/.test(value)) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : undefined;
}
