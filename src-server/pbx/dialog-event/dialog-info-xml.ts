/**
 * The `application/dialog-info+xml` body of RFC 4235 NOTIFYs: always full state (our resources
 * hold a handful of dialogs), built with fast-xml-parser so every value is escaped.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { type DialogOnLine } from './line-state-board.js';

export const DIALOG_INFO_CONTENT_TYPE = 'application/dialog-info+xml';

export interface DialogInfoDocument {
  /** the watched resource, e.g. sip:202@plusphone.test or sip:*71@plusphone.test */
  entity: string;
  version: number;
  dialogs: readonly DialogOnLine[];
  /** turns a remote party's number into a URI for <identity> */
  remoteUri: (number: string) => string;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

export function dialogInfoXml(document: DialogInfoDocument): string {
  const dialogs = document.dialogs.map((dialog) => ({
    '@_id': dialog.id,
    '@_direction': dialog.direction,
    state: dialog.state,
    // seconds in the current state: lets a client show "parked for 2:10" without clock agreement
    duration: Math.max(0, Math.round((Date.now() - dialog.since) / 1000)),
    remote: {
      identity: { ...(dialog.remote.displayName ? { '@_display': dialog.remote.displayName } : {}), '#text': document.remoteUri(dialog.remote.number) },
    },
  }));
  const body = builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'dialog-info': {
      '@_xmlns': 'urn:ietf:params:xml:ns:dialog-info',
      '@_version': document.version,
      '@_state': 'full',
      '@_entity': document.entity,
      ...(dialogs.length > 0 ? { dialog: dialogs } : {}),
    },
  }) as string;
  return body;
}
