import { describe, expect, it } from 'vitest';
import { recognizeFeatureCode } from './feature-codes.js';
import { EMBEDDED_PBX_PROFILE } from '../../provisioning/embedded-pbx-profile.js';

const codes = EMBEDDED_PBX_PROFILE.featureCodes;

describe('feature codes', () => {
  it('recognizes park, the slots, group and directed pickup', () => {
    expect(recognizeFeatureCode('*7', codes)).toEqual({ kind: 'park', code: '*7' });
    expect(recognizeFeatureCode('*71', codes)).toEqual({ kind: 'parkSlot', code: '*71' });
    expect(recognizeFeatureCode('%2A78', codes)).toEqual({ kind: 'parkSlot', code: '*78' });
    expect(recognizeFeatureCode('*8', codes)).toEqual({ kind: 'groupPickup', code: '*8' });
    expect(recognizeFeatureCode('**202', codes)).toEqual({ kind: 'directedPickup', code: '**202', extension: '202' });
  });

  it('leaves numbers and unknown codes to normal routing', () => {
    for (const dialled of ['202', '0355550100', '*79', '*70', '*9', '**', '**2', '**2021234', '*7*', '', 'abc', '*71#']) {
      expect(recognizeFeatureCode(dialled, codes)).toBeUndefined();
    }
  });

  it('follows the profile, not fixed strings', () => {
    const other = { park: '#70', parkSlots: ['#71'], groupPickup: '#8', directedPickupPrefix: '#9' };
    expect(recognizeFeatureCode('#71', other)).toEqual({ kind: 'parkSlot', code: '#71' });
    expect(recognizeFeatureCode('*71', other)).toBeUndefined();
    expect(recognizeFeatureCode('#9203', other)).toMatchObject({ kind: 'directedPickup', extension: '203' });
  });
});
