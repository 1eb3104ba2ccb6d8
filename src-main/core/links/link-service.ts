import { ContractFailure } from '../../../src-shared/contract/result.js';
import type { LineSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { buildLinkUrl, toE164Japan, type LinkValues } from '../../../src-shared/provisioning/link-template.js';
import { errorMessage, type Logger } from '../logging/logger.js';

export type LinkKind = 'crm' | 'search';

/** A template per kind; null = not set. */
export interface LinkTemplates {
  crm: string | null;
  numberSearch: string | null;
}

export interface LinkTarget {
  kind: LinkKind;
  lineId?: string | undefined;
  number?: string | undefined;
  called?: string | undefined;
  ivr?: string | undefined;
}

/** Opens a URL in the user's browser (Electron: shell.openExternal behind ExternalLinkOpener). */
export type OpenExternal = (url: string) => Promise<void> | void;

export interface LinkServiceDeps {
  /** what the server provisioned (null when logged out or the server sends none) */
  provisioned(): LinkTemplates | null;
  /** the user's own templates from settings; a non-null one wins over the provisioned one */
  overrides(): LinkTemplates;
  /** a line of the logged-in account, or undefined */
  line(lineId: string): LineSnapshot | undefined;
  openExternal?: OpenExternal | undefined;
  logger: Logger;
}

const KIND_NAME: Record<LinkKind, string> = { crm: 'CRM連携', search: '番号検索' };

/**
 * CRM link and number search (issue 5 point 7): picks the template (settings over provisioning),
 * gathers the values of a line or a number, and builds the URL with buildLinkUrl, which encodes
 * every value and refuses anything that is not http/https on the template's host.
 */
export class LinkService {
  constructor(private readonly deps: LinkServiceDeps) {}

  build(target: LinkTarget): string {
    const template = this.templateFor(target.kind);
    if (template === null) throw new ContractFailure('not-found', `${KIND_NAME[target.kind]}のURLが設定されていません`);
    const result = buildLinkUrl(template, this.valuesFor(target));
    if (!result.ok) throw new ContractFailure('invalid-argument', result.problem);
    return result.url;
  }

  async open(target: LinkTarget): Promise<{ url: string; opened: boolean }> {
    const url = this.build(target);
    const openExternal = this.deps.openExternal;
    if (!openExternal) return { url, opened: false };
    try {
      await openExternal(url);
    } catch (error) {
      this.deps.logger.warn('opening a link failed', { kind: target.kind, error: errorMessage(error) });
      throw new ContractFailure('unavailable', 'ブラウザでリンクを開けませんでした');
    }
    return { url, opened: true };
  }

  private templateFor(kind: LinkKind): string | null {
    const key = kind === 'crm' ? 'crm' : 'numberSearch';
    return this.deps.overrides()[key] ?? this.deps.provisioned()?.[key] ?? null;
  }

  private valuesFor(target: LinkTarget): LinkValues {
    let number = target.number;
    let called = target.called;
    let ivr = target.ivr;
    if (target.lineId !== undefined) {
      const line = this.deps.line(target.lineId);
      if (!line) throw new ContractFailure('not-found', '指定された通話が見つかりません');
      number ??= line.remoteNumber;
      called ??= line.calledNumber ?? undefined;
      ivr ??= line.ivrDigits; // the keys pressed in the PBX's voice menu
    }
    const values: LinkValues = { number: number ?? '', number_e164: toE164Japan(number ?? ''), called: called ?? '' };
    if (ivr !== undefined) values.ivr = ivr;
    return values;
  }
}
