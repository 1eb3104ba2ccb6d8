/**
 * Feature codes (the PBX profile's, e.g. park *7, slots *71–*78, group pickup *8, directed
 * pickup ** + extension): what a dialled string or a REFER target asks for. Pure; recognised
 * before normal routing.
 */
import { normalizeDialled } from './dialled-number.js';
import { type SoftphoneConfig } from '../../../src-shared/provisioning/softphone-config.js';

export type FeatureCodes = SoftphoneConfig['featureCodes'];

export type FeatureCode =
  /** park in the first free slot (a REFER target) */
  | { kind: 'park'; code: string }
  /** a park slot: park there (REFER) or retrieve from it (INVITE) */
  | { kind: 'parkSlot'; code: string }
  /** answer a call ringing on any ID of the caller's pickup group */
  | { kind: 'groupPickup'; code: string }
  /** answer the call ringing on this extension */
  | { kind: 'directedPickup'; code: string; extension: string };

export type FeatureKind = FeatureCode['kind'];

export function recognizeFeatureCode(dialledRaw: string, codes: FeatureCodes): FeatureCode | undefined {
  const dialled = normalizeDialled(dialledRaw);
  if (dialled === undefined || !/^[*#]/.test(dialled)) return undefined;
  if (codes.parkSlots.includes(dialled)) return { kind: 'parkSlot', code: dialled };
  if (codes.park && dialled === codes.park) return { kind: 'park', code: dialled };
  if (codes.groupPickup && dialled === codes.groupPickup) return { kind: 'groupPickup', code: dialled };
  const prefix = codes.directedPickupPrefix;
  if (prefix && dialled.startsWith(prefix)) {
    const extension = dialled.slice(prefix.length);
    if (/^[0-9]{2,6}$/.test(extension)) return { kind: 'directedPickup', code: dialled, extension };
  }
  return undefined;
}
