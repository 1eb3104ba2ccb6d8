import { z } from 'zod';

/** The embedded PBX's park slots (DESIGN.md §3 feature codes): *71 … *78. */
export const PARK_SLOTS = ['*71', '*72', '*73', '*74', '*75', '*76', '*77', '*78'] as const;
export type ParkSlot = (typeof PARK_SLOTS)[number];

export const PARK_SLOT_NAME_MAX_LENGTH = 32;

export interface ParkSlotName {
  slot: ParkSlot;
  /** null: no name (the softphone shows the slot code) */
  name: string | null;
}

const nameSchema = z
  .string()
  .trim()
  .max(PARK_SLOT_NAME_MAX_LENGTH)
  .refine((value) => !/\p{Cc}/u.test(value), '制御文字は使えません')
  .nullable()
  .transform((value) => (value === null || value === '' ? null : value));

/** PUT body: the slots to change (others stay as they are); an empty or null name removes it. */
export const parkSlotNamesUpdateSchema = z
  .object({
    slots: z
      .array(z.object({ slot: z.enum(PARK_SLOTS), name: nameSchema }).strict())
      .min(1)
      .max(PARK_SLOTS.length)
      .refine((slots) => new Set(slots.map((s) => s.slot)).size === slots.length, 'パーク番号が重複しています'),
  })
  .strict();
