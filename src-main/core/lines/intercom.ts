/**
 * Auto-answer (intercom / paging): the provisioned `headers.intercom` is `Name` (the header's
 * presence is enough) or `Name: fragment` (a value of that header must contain the fragment,
 * case-insensitive). Default: `Call-Info: answer-after=0`, the form RFC 5373's predecessors and
 * most PBXs use (`Call-Info: <sip:pbx>;answer-after=0`).
 */
export const DEFAULT_INTERCOM_HEADER = 'Call-Info: answer-after=0';

export interface IntercomRule {
  header: string;
  fragment: string | null;
}

export function intercomRule(provisioned: string | undefined): IntercomRule | null {
  const text = (provisioned ?? DEFAULT_INTERCOM_HEADER).trim();
  if (!text) return null;
  const colon = text.indexOf(':');
  const header = (colon < 0 ? text : text.slice(0, colon)).trim();
  if (!/^[A-Za-z0-9!%'*+.^_`|~-]+$/.test(header)) return null;
  const fragment = colon < 0 ? '' : text.slice(colon + 1).trim();
  return { header, fragment: fragment || null };
}

/** Does an INVITE carrying these values of the rule's header ask to be answered at once? */
export function asksForAutoAnswer(rule: IntercomRule | null, headerValues: readonly string[]): boolean {
  if (!rule || headerValues.length === 0) return false;
  if (rule.fragment === null) return true;
  const wanted = rule.fragment.toLowerCase().replace(/\s+/g, '');
  return headerValues.some((value) => value.slice(0, 1024).toLowerCase().replace(/\s+/g, '').includes(wanted));
}
