import { describe, expect, it } from 'vitest';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import { chooseCallerNumber } from './caller-number-choice.js';
import { resolveDialTarget } from './dial-target.js';

const domain = 'plusphone.test';

describe('resolveDialTarget', () => {
  it('turns what the user typed into a Request-URI in our domain', () => {
    expect(resolveDialTarget('03-5555-0200', domain).uri.toString()).toBe('sip:0355550200@plusphone.test');
    expect(resolveDialTarget('２０２', domain)).toMatchObject({ remoteNumber: '202' });
    expect(resolveDialTarget('+81 3 5555 0100', domain).remoteNumber).toBe('0355550100');
    expect(resolveDialTarget('*71', domain).uri.toString()).toBe('sip:*71@plusphone.test');
    expect(resolveDialTarget('tel:0355550100', domain).remoteNumber).toBe('0355550100');
  });

  it('escapes # in the user part', () => {
    const target = resolveDialTarget('#8', domain);
    expect(target.remoteNumber).toBe('#8');
    expect(target.uri.toString()).toBe('sip:%238@plusphone.test');
  });

  it('accepts a sip: URI as is and refuses one without a user', () => {
    expect(resolveDialTarget('sip:202@plusphone.test', domain).remoteNumber).toBe('202');
    expect(() => resolveDialTarget('sip:plusphone.test', domain)).toThrow(ContractFailure);
  });

  it('refuses input with nothing dialable', () => {
    expect(() => resolveDialTarget(' - ', domain)).toThrow(/発信先/);
  });
});

describe('chooseCallerNumber', () => {
  const config = {
    callerNumbers: [
      { number: '0355550100', label: '代表', kind: 'contract' as const },
      { number: '0355550200', label: '営業部', kind: 'additional' as const },
    ],
    defaultCallerNumber: '0355550100',
    headers: { callerNumberRequest: 'P-Preferred-Identity', calledParty: 'P-Called-Party-ID', ivrDigits: 'X-IVR-Digits' },
  };

  it('leaves the default to the PBX when nothing is chosen', () => {
    expect(chooseCallerNumber(undefined, config, domain)).toEqual({ shown: '0355550100', header: null });
  });

  it('asks for a chosen number with the provisioned header', () => {
    expect(chooseCallerNumber('0355550200', config, domain)).toEqual({
      shown: '0355550200',
      header: 'P-Preferred-Identity: <sip:0355550200@plusphone.test>',
    });
  });

  it('refuses a number the ID may not use', () => {
    try {
      chooseCallerNumber('0399999999', config, domain);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ContractFailure);
      expect((error as ContractFailure).code).toBe('invalid-argument');
    }
  });
});
