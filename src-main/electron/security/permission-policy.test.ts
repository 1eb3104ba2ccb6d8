import { describe, expect, it } from 'vitest';
import { FakeSession, FakeWebContents } from '../testing/fake-electron.js';
import { installPermissionPolicy } from './permission-policy.js';

const OWN = 'file:///app/out/renderer/media/media.html';
const isOwnPage = (url: string) => url === OWN;

function request(session: FakeSession, permission: string, details: { requestingUrl: string; isMainFrame?: boolean; mediaTypes?: Array<'audio' | 'video'> }): boolean {
  let granted: boolean | undefined;
  session.requestHandler!(new FakeWebContents(), permission, (value) => (granted = value), {
    isMainFrame: true,
    ...details,
  });
  if (granted === undefined) throw new Error('handler did not answer');
  return granted;
}

describe('permission policy', () => {
  it('grants the microphone to our own page', () => {
    const session = new FakeSession();
    installPermissionPolicy(session, isOwnPage);
    expect(request(session, 'media', { requestingUrl: OWN, mediaTypes: ['audio'] })).toBe(true);
  });

  it('refuses the camera, screen capture and every other permission, even to our page', () => {
    const session = new FakeSession();
    installPermissionPolicy(session, isOwnPage);
    expect(request(session, 'media', { requestingUrl: OWN, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(request(session, 'media', { requestingUrl: OWN, mediaTypes: ['video'] })).toBe(false);
    expect(request(session, 'media', { requestingUrl: OWN, mediaTypes: [] })).toBe(false);
    for (const permission of ['display-capture', 'notifications', 'geolocation', 'openExternal', 'hid', 'clipboard-read']) {
      expect(request(session, permission, { requestingUrl: OWN }), permission).toBe(false);
    }
  });

  it('refuses the microphone to other pages and to subframes', () => {
    const session = new FakeSession();
    installPermissionPolicy(session, isOwnPage);
    expect(request(session, 'media', { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] })).toBe(false);
    expect(request(session, 'media', { requestingUrl: OWN, mediaTypes: ['audio'], isMainFrame: false })).toBe(false);
  });

  it('answers permission checks the same way, judging file:// pages by their URL, not the opaque origin', () => {
    const session = new FakeSession();
    installPermissionPolicy(session, isOwnPage);
    const ours = new FakeWebContents();
    ours.url = OWN;
    const check = session.checkHandler!;
    expect(check(ours, 'media', 'file:///', { isMainFrame: true, mediaType: 'audio' })).toBe(true);
    expect(check(null, 'media', 'file:///', { isMainFrame: true, mediaType: 'audio', requestingUrl: OWN })).toBe(true);
    expect(check(ours, 'media', 'file:///', { isMainFrame: true, mediaType: 'video' })).toBe(false);
    expect(check(ours, 'notifications', 'file:///', { isMainFrame: true })).toBe(false);
    expect(check(null, 'media', 'file:///', { isMainFrame: true, mediaType: 'audio' })).toBe(false);
  });

  it('leaves a deny-everything policy behind when removed, never Electron’s grant-all default', () => {
    const session = new FakeSession();
    const remove = installPermissionPolicy(session, isOwnPage);
    remove();
    expect(request(session, 'media', { requestingUrl: OWN, mediaTypes: ['audio'] })).toBe(false);
    expect(session.checkHandler!(null, 'media', 'file:///', { isMainFrame: true, mediaType: 'audio', requestingUrl: OWN })).toBe(false);
  });
});
