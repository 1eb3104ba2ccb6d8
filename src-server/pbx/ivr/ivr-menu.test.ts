import { describe, expect, it } from 'vitest';
import { matchIvrDigits } from './ivr-menu.js';

const menu = {
  options: [
    { digits: '1', label: '営業部', ringSet: [1] },
    { digits: '2', label: 'サポート', ringSet: [2] },
    { digits: '31', label: '経理', ringSet: [3] },
    { digits: '*0', label: 'オペレーター', ringSet: [4] },
  ],
};

describe('matchIvrDigits', () => {
  it('chooses the option whose keys were pressed', () => {
    expect(matchIvrDigits(menu, '2')).toMatchObject({ kind: 'chosen', option: { label: 'サポート' } });
    expect(matchIvrDigits(menu, '31')).toMatchObject({ kind: 'chosen', option: { label: '経理' } });
    expect(matchIvrDigits(menu, '*0')).toMatchObject({ kind: 'chosen', option: { label: 'オペレーター' } });
  });

  it('waits for more while the keys begin an option', () => {
    expect(matchIvrDigits(menu, '3')).toEqual({ kind: 'more' });
    expect(matchIvrDigits(menu, '*')).toEqual({ kind: 'more' });
    expect(matchIvrDigits(menu, '')).toEqual({ kind: 'more' });
  });

  it('calls anything else invalid', () => {
    expect(matchIvrDigits(menu, '4')).toEqual({ kind: 'invalid' });
    expect(matchIvrDigits(menu, '32')).toEqual({ kind: 'invalid' });
    expect(matchIvrDigits(menu, '#')).toEqual({ kind: 'invalid' });
  });
});
