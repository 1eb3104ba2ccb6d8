import { describe, expect, it } from 'vitest';
import { matchRoutePath } from './route.js';

describe('matchRoutePath', () => {
  it('matches exact paths with no params', () => {
    expect(matchRoutePath('/api/customer/overview', '/api/customer/overview')).toEqual({});
    expect(matchRoutePath('/api/customer/overview', '/api/customer/overview/')).toBeUndefined();
  });

  it('captures :param segments, URL-decoded', () => {
    expect(matchRoutePath('/api/customer/ids/:idId', '/api/customer/ids/12')).toEqual({ idId: '12' });
    expect(matchRoutePath('/api/customer/numbers/:numberId/ring-set', '/api/customer/numbers/3/ring-set')).toEqual({ numberId: '3' });
    expect(matchRoutePath('/a/:name', '/a/%E5%A4%96%E7%B7%9A')).toEqual({ name: '外線' });
  });

  it('refuses empty, extra, missing or undecodable segments', () => {
    expect(matchRoutePath('/api/customer/ids/:idId', '/api/customer/ids/')).toBeUndefined();
    expect(matchRoutePath('/api/customer/ids/:idId', '/api/customer/ids/1/2')).toBeUndefined();
    expect(matchRoutePath('/api/customer/ids/:idId', '/api/customer/ids')).toBeUndefined();
    expect(matchRoutePath('/a/:name', '/a/%E5')).toBeUndefined();
  });
});
