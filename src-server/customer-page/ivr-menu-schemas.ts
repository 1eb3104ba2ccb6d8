import { z } from 'zod';

/**
 * The body of PUT /api/customer/numbers/:numberId/ivr-menu. Only the shape is checked here (400
 * 'invalid-argument'); what makes a menu usable (known prompt, keys, ring sets of this tenant,
 * limits) is store/ivr-menu-rules.ts, so those errors name their rule.
 */
export const ivrMenuSchema = z
  .object({
    prompt: z.string().max(64),
    options: z
      .array(
        z
          .object({
            digits: z.string().trim().max(16),
            label: z.string().max(256).default(''),
            ringSet: z.array(z.number().int().positive()).max(1000),
          })
          .strict(),
      )
      .max(100),
    timeoutSeconds: z.number().int().default(5),
    repeats: z.number().int().default(1),
    onNoChoice: z.enum(['ringSet', 'hangUp']).default('ringSet'),
  })
  .strict();
