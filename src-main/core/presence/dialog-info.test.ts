import { describe, expect, it } from 'vitest';
import { MAX_DIALOG_INFO_BYTES, parseDialogInfo } from './dialog-info.js';
import { WatchedResource } from './watched-resource.js';

/** RFC 4235 §6 style, as the embedded PBX writes it (fast-xml-parser builder, attributes escaped). */
const ringing = `<?xml version="1.0" encoding="UTF-8"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="3" state="full" entity="sip:202@plusphone.test">
  <dialog id="call-1" direction="recipient">
    <state>early</state>
    <duration>2</duration>
    <remote>
      <identity display="佐藤 &amp; Co">sip:0355550100@plusphone.test</identity>
    </remote>
  </dialog>
</dialog-info>`;

const idle = (version: number): string =>
  `<?xml version="1.0"?><dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="full" entity="sip:202@plusphone.test"></dialog-info>`;

describe('parseDialogInfo', () => {
  it('reads dialogs, states, direction and the remote identity', () => {
    expect(parseDialogInfo(ringing)).toEqual({
      version: 3,
      state: 'full',
      entity: 'sip:202@plusphone.test',
      dialogs: [
        {
          id: 'call-1',
          state: 'early',
          direction: 'recipient',
          remote: { number: '0355550100', displayName: '佐藤 & Co' },
          durationSeconds: 2,
        },
      ],
    });
    expect(parseDialogInfo(idle(4))?.dialogs).toEqual([]);
  });

  it('accepts a namespace prefix and a state element with attributes', () => {
    const body = `<d:dialog-info xmlns:d="urn:ietf:params:xml:ns:dialog-info" version="1" state="partial" entity="sip:*71@plusphone.test">
      <d:dialog id="x"><d:state event="replaced">terminated</d:state></d:dialog></d:dialog-info>`;
    expect(parseDialogInfo(body)?.dialogs).toEqual([{ id: 'x', state: 'terminated', direction: null, remote: null, durationSeconds: null }]);
  });

  it('refuses hostile and broken bodies without throwing', () => {
    const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>
      <dialog-info version="1" state="full" entity="x"><dialog id="a"><state>&lol2;</state></dialog></dialog-info>`;
    expect(parseDialogInfo(billionLaughs)).toBeNull();
    expect(parseDialogInfo(`<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><dialog-info/>`)).toBeNull();
    expect(parseDialogInfo(`${idle(1).slice(0, -14)}${' '.repeat(MAX_DIALOG_INFO_BYTES)}</dialog-info>`)).toBeNull();
    expect(parseDialogInfo('<dialog-info version="x" state="full"/>')).toBeNull();
    expect(parseDialogInfo('<dialog-info version="1" state="weird"/>')).toBeNull();
    expect(parseDialogInfo('not xml at all <<<')).toBeNull();
    expect(parseDialogInfo(undefined)).toBeNull();
    // a dialog with an unknown state or no id is dropped, the rest is kept
    const mixed = `<dialog-info version="1" state="full" entity="e"><dialog id="a"><state>dancing</state></dialog><dialog><state>early</state></dialog><dialog id="b"><state>confirmed</state></dialog></dialog-info>`;
    expect(parseDialogInfo(mixed)?.dialogs.map((d) => d.id)).toEqual(['b']);
  });

  it('cleans a hostile display name (control and bidi characters) and a hostile URI', () => {
    const body = `<dialog-info version="1" state="full" entity="e"><dialog id="a"><state>confirmed</state>
      <remote><identity display="&#x202E;evil\u0007">sip:%2B81355550100@x</identity></remote></dialog></dialog-info>`;
    const party = parseDialogInfo(body)?.dialogs[0]?.remote;
    expect(party?.number).toBe('0355550100');
    expect(party?.displayName).toBe('evil');
  });
});

describe('WatchedResource', () => {
  it('is unknown until the first NOTIFY, then follows ringing → busy → idle', () => {
    const resource = new WatchedResource();
    expect(resource.colleagueState()).toEqual({ state: 'unknown' });
    resource.apply(parseDialogInfo(ringing)!, 10_000);
    expect(resource.colleagueState()).toEqual({ state: 'ringing', caller: { number: '0355550100', displayName: '佐藤 & Co' } });
    const busy = ringing.replace('version="3"', 'version="4"').replace('<state>early</state>', '<state>confirmed</state>');
    resource.apply(parseDialogInfo(busy)!, 11_000);
    expect(resource.colleagueState().state).toBe('busy');
    // a stale (older) version changes nothing
    expect(resource.apply(parseDialogInfo(idle(2))!, 12_000)).toBe(false);
    expect(resource.colleagueState().state).toBe('busy');
    resource.apply(parseDialogInfo(idle(5))!, 13_000);
    expect(resource.colleagueState()).toEqual({ state: 'idle' });
    resource.forget();
    expect(resource.colleagueState()).toEqual({ state: 'unknown' });
  });

  it('merges partial notifications and reads a park slot with its start time', () => {
    const slot = new WatchedResource();
    expect(slot.parkSlotState()).toEqual({ occupied: false });
    const parked = `<dialog-info version="1" state="full" entity="sip:*71@plusphone.test"><dialog id="park-1" direction="recipient"><state>confirmed</state><duration>30</duration><remote><identity display="外線">sip:0312340002@plusphone.test</identity></remote></dialog></dialog-info>`;
    slot.apply(parseDialogInfo(parked)!, 100_000);
    expect(slot.parkSlotState()).toEqual({ occupied: true, parked: { number: '0312340002', displayName: '外線' }, since: 70_000 });
    const gone = `<dialog-info version="2" state="partial" entity="sip:*71@plusphone.test"><dialog id="park-1"><state>terminated</state></dialog></dialog-info>`;
    slot.apply(parseDialogInfo(gone)!, 101_000);
    expect(slot.parkSlotState()).toEqual({ occupied: false });
  });

  it('shows a colleague calling out (early, initiator) as busy, not ringing', () => {
    const resource = new WatchedResource();
    const out = `<dialog-info version="1" state="full" entity="e"><dialog id="c" direction="initiator"><state>early</state></dialog></dialog-info>`;
    resource.apply(parseDialogInfo(out)!, 0);
    expect(resource.colleagueState()).toEqual({ state: 'busy' });
  });
});

