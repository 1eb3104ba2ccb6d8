import { XMLParser } from 'fast-xml-parser';
import { numberFromUserPart, sanitizeDisplayName } from '../sip/party-identity.js';

/**
 * `application/dialog-info+xml` (RFC 4235 §4) as the softphone needs it. The body comes from the
 * network: it is capped in size, documents with a DTD or entities are refused outright (no
 * expansion, no external entities), and every value is checked before use. Unparseable → null.
 */
export type DialogStateName = 'trying' | 'proceeding' | 'early' | 'confirmed' | 'terminated';

export interface DialogParty {
  number: string;
  displayName: string;
}

export interface DialogEntry {
  id: string;
  state: DialogStateName;
  direction: 'initiator' | 'recipient' | null;
  remote: DialogParty | null;
  /** seconds the dialog has been in its state, when the notifier says */
  durationSeconds: number | null;
}

export interface DialogInfoDocument {
  version: number;
  /** full: the dialogs are the whole truth; partial: changes to merge */
  state: 'full' | 'partial';
  entity: string;
  dialogs: DialogEntry[];
}

export const DIALOG_INFO_CONTENT_TYPE = 'application/dialog-info+xml';
export const MAX_DIALOG_INFO_BYTES = 32 * 1024;
const MAX_DIALOGS = 32;
const STATES: readonly DialogStateName[] = ['trying', 'proceeding', 'early', 'confirmed', 'terminated'];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => name === 'dialog',
});

type XmlNode = Record<string, unknown>;

export function parseDialogInfo(body: string | undefined): DialogInfoDocument | null {
  if (!body || Buffer.byteLength(body, 'utf8') > MAX_DIALOG_INFO_BYTES) return null;
  // no DTDs at all: nothing to expand, nothing external to fetch
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) return null;
  let parsed: unknown;
  try {
    parsed = parser.parse(body);
  } catch {
    return null;
  }
  const root = asNode(asNode(parsed)?.['dialog-info']);
  if (!root) return null;
  const version = Number(root['@_version']);
  const state = root['@_state'];
  if (!Number.isSafeInteger(version) || version < 0 || (state !== 'full' && state !== 'partial')) return null;
  const rawDialogs = Array.isArray(root['dialog']) ? (root['dialog'] as unknown[]) : [];
  const dialogs: DialogEntry[] = [];
  for (const raw of rawDialogs.slice(0, MAX_DIALOGS)) {
    const dialog = parseDialog(asNode(raw));
    if (dialog) dialogs.push(dialog);
  }
  return { version, state, entity: typeof root['@_entity'] === 'string' ? root['@_entity'].slice(0, 256) : '', dialogs };
}

function parseDialog(node: XmlNode | undefined): DialogEntry | null {
  if (!node) return null;
  const id = node['@_id'];
  if (typeof id !== 'string' || id.length === 0 || id.length > 256) return null;
  const stateText = textOf(node['state'])?.trim().toLowerCase();
  const state = STATES.find((name) => name === stateText);
  if (!state) return null;
  const direction = node['@_direction'] === 'initiator' || node['@_direction'] === 'recipient' ? node['@_direction'] : null;
  const durationText = textOf(node['duration'])?.trim();
  const duration = durationText !== undefined && /^\d{1,9}$/.test(durationText) ? Number(durationText) : null;
  return { id, state, direction, remote: partyOf(asNode(node['remote'])), durationSeconds: duration };
}

/** `<remote><identity display="…">sip:0355550100@plusphone.test</identity></remote>` */
function partyOf(remote: XmlNode | undefined): DialogParty | null {
  if (!remote) return null;
  const identity = remote['identity'];
  const uri = textOf(identity)?.trim();
  const identityNode = asNode(identity);
  const display = identityNode && typeof identityNode['@_display'] === 'string' ? identityNode['@_display'] : undefined;
  const user = uri ? /^(?:sips?|tel):([^@;>?\s]+)/i.exec(uri.slice(0, 512))?.[1] : undefined;
  if (!user && !display) return null;
  return { number: numberFromUserPart(user), displayName: sanitizeDisplayName(unescapeXml(display)) };
}

function asNode(value: unknown): XmlNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : undefined;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  const node = asNode(value);
  const text = node?.['#text'];
  return typeof text === 'string' || typeof text === 'number' ? String(text) : undefined;
}

/**
 * Entities are not processed by the parser (hostile input): only character references and the
 * five predefined ones are turned back — nothing can expand. Control and bidi characters they
 * produce are removed by sanitizeDisplayName afterwards.
 */
function unescapeXml(text: string | undefined): string | undefined {
  return text
    ?.replace(/&#x([0-9a-f]{1,6});/gi, (_, hex: string) => codePoint(parseInt(hex, 16)))
    .replace(/&#(\d{1,7});/g, (_, dec: string) => codePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function codePoint(value: number): string {
  return value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff) ? String.fromCodePoint(value) : '';
}
