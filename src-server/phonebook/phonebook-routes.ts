import { pathId } from '../customer-page/customer-admin-schemas.js';
import { requireCustomer, type CustomerAuthDeps } from '../customer-page/customer-session.js';
import { errorReply, jsonReply, type ApiReply } from '../http/api-reply.js';
import { createSilentLogger, type Logger } from '../log/logger.js';
import type { Route } from '../http/route.js';
import { validate } from '../http/validate.js';
import type { SoftphoneAuthDeps } from '../provisioning/softphone-session.js';
import { SESSION_INVALID_MESSAGE } from '../provisioning/softphone-routes.js';
import { CSV_LIMITS, readPhonebookCsv, writePhonebookCsv } from '../../src-shared/phonebook/phonebook-csv.js';
import { checkEntryDraft, type EntryDraft, type EntryProblem, type PhonebookEntry } from '../../src-shared/phonebook/phonebook-entry.js';
import {
  changesQuerySchema,
  entryPatchSchema,
  exportQuerySchema,
  importQuerySchema,
  listQuerySchema,
  newEntrySchema,
  queryObject,
  softphoneSearchQuerySchema,
} from './phonebook-schemas.js';
import type { Phonebook } from './phonebook.js';
import { readRawBody } from './raw-body.js';

export interface PhonebookRouteDeps extends CustomerAuthDeps, SoftphoneAuthDeps {
  phonebook: Phonebook;
  /** bulk changes are logged (tenant and counts only: entries are personal data) */
  logger?: Logger;
}

export const ENTRY_NOT_FOUND_MESSAGE = '指定された電話帳の項目はありません';
const CSV_MEDIA_TYPES = ['text/csv', 'application/vnd.ms-excel', 'text/plain', 'application/octet-stream'];

/**
 * Web電話帳: the customer page manages it (list/search, add, edit, delete, CSV import/export),
 * softphones sync it (changes since a version, deletions included) and search it. Every route
 * works on the session's tenant only; another tenant's entry id answers 404 like a missing one.
 */
export function phonebookRoutes(deps: PhonebookRouteDeps): Route[] {
  const { phonebook } = deps;
  const logger = deps.logger ?? createSilentLogger();
  const unauthorizedSoftphone = (): ApiReply =>
    errorReply(401, 'unauthorized', SESSION_INVALID_MESSAGE, { headers: { 'WWW-Authenticate': 'Bearer' } });
  const notFound = (): ApiReply => errorReply(404, 'not-found', ENTRY_NOT_FOUND_MESSAGE);

  return [
    {
      method: 'GET',
      path: '/api/customer/phonebook',
      handle(request) {
        const gate = requireCustomer(request, deps, { mutating: false });
        if (!gate.ok) return gate.reply;
        const query = validate(listQuerySchema, queryObject(request.query));
        if (!query.ok) return query.reply;
        const { q, offset, limit } = query.value;
        const page = phonebook.search(gate.session.tenantId, q, offset, limit);
        return jsonReply(200, { total: page.total, offset, limit, version: page.version, entries: page.entries.map(entryBody) });
      },
    },
    {
      method: 'POST',
      path: '/api/customer/phonebook',
      async handle(request) {
        const gate = requireCustomer(request, deps, { mutating: true });
        if (!gate.ok) return gate.reply;
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const input = validate(newEntrySchema, body.value);
        if (!input.ok) return input.reply;
        const checked = checkEntryDraft(input.value);
        if (!checked.ok) return entryProblemsReply(checked.problems);
        const added = phonebook.add(gate.session.tenantId, checked.value);
        if (!added.ok) return errorReply(409, 'rule-phonebook-entries', added.error.message);
        return jsonReply(201, entryBody(added.value));
      },
    },
    {
      method: 'PATCH',
      path: '/api/customer/phonebook/:entryId',
      async handle(request) {
        const gate = requireCustomer(request, deps, { mutating: true });
        if (!gate.ok) return gate.reply;
        const entryId = pathId(request.params.entryId);
        // Looked up before the body is read: nothing about another tenant's ids leaks.
        const existing = entryId === undefined ? undefined : phonebook.find(gate.session.tenantId, entryId);
        if (!existing || entryId === undefined) return notFound();
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const patch = validate(entryPatchSchema, body.value);
        if (!patch.ok) return patch.reply;
        const checked = checkEntryDraft({ ...draftOf(existing), ...withoutUndefined(patch.value) });
        if (!checked.ok) return entryProblemsReply(checked.problems);
        const updated = phonebook.update(gate.session.tenantId, entryId, checked.value);
        return updated ? jsonReply(200, entryBody(updated)) : notFound();
      },
    },
    {
      method: 'DELETE',
      path: '/api/customer/phonebook/:entryId',
      handle(request) {
        const gate = requireCustomer(request, deps, { mutating: true });
        if (!gate.ok) return gate.reply;
        const entryId = pathId(request.params.entryId);
        if (entryId === undefined || !phonebook.remove(gate.session.tenantId, entryId)) return notFound();
        return jsonReply(200, { deleted: entryId });
      },
    },
    {
      method: 'POST',
      path: '/api/customer/phonebook/import',
      async handle(request) {
        const gate = requireCustomer(request, deps, { mutating: true });
        if (!gate.ok) return gate.reply;
        const query = validate(importQuerySchema, queryObject(request.query));
        if (!query.ok) return query.reply;
        const body = await readRawBody(request, {
          limitBytes: CSV_LIMITS.bytes,
          mediaTypes: CSV_MEDIA_TYPES,
          tooLargeMessage: `ファイルが大きすぎます（上限 ${CSV_LIMITS.bytes / 1024 / 1024} MiB）`,
        });
        if (!body.ok) return body.reply;
        const csv = readPhonebookCsv(body.bytes);
        if (!csv.ok && csv.kind === 'file') {
          return csv.tooLarge ? errorReply(413, 'payload-too-large', csv.reason) : errorReply(400, 'invalid-argument', csv.reason);
        }
        if (!csv.ok) {
          const rows = new Set(csv.problems.map((problem) => problem.row)).size;
          logger.info('phonebook import rejected', { tenantId: gate.session.tenantId, rows, encoding: csv.encoding });
          return jsonReply(422, {
            error: { code: 'invalid-argument', message: `${rows}${csv.truncated ? ' 行以上' : ' 行'}に問題があるため、ファイルを取り込みませんでした（何も変更していません）` },
            problems: csv.problems,
            truncated: csv.truncated,
            encoding: csv.encoding,
          });
        }
        const tenantId = gate.session.tenantId;
        const imported = phonebook.import(tenantId, csv.entries, query.value.mode);
        if (!imported.ok) return errorReply(409, 'rule-phonebook-entries', imported.error.message);
        logger.info('phonebook imported', { tenantId, mode: query.value.mode, added: imported.value.added, deleted: imported.value.deleted, encoding: csv.encoding });
        return jsonReply(200, { ...imported.value, mode: query.value.mode, encoding: csv.encoding });
      },
    },
    {
      method: 'GET',
      path: '/api/customer/phonebook/export',
      handle(request) {
        const gate = requireCustomer(request, deps, { mutating: false });
        if (!gate.ok) return gate.reply;
        const query = validate(exportQuerySchema, queryObject(request.query));
        if (!query.ok) return query.reply;
        const { encoding } = query.value;
        const csv = writePhonebookCsv(phonebook.all(gate.session.tenantId), encoding);
        if (!csv.ok) return errorReply(422, 'invalid-argument', csv.reason);
        const fileName = encoding === 'sjis' ? 'phonebook-sjis.csv' : 'phonebook.csv';
        return {
          status: 200,
          body: null,
          raw: { contentType: `text/csv; charset=${encoding === 'sjis' ? 'Shift_JIS' : 'utf-8'}`, data: csv.bytes },
          headers: { 'Content-Disposition': `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent('電話帳')}.csv` },
        };
      },
    },
    {
      method: 'GET',
      path: '/api/softphone/phonebook/changes',
      handle(request) {
        const session = deps.authenticateSoftphone(request);
        if (!session) return unauthorizedSoftphone();
        const query = validate(changesQuerySchema, queryObject(request.query));
        if (!query.ok) return query.reply;
        const changes = phonebook.changesSince(session.tenantId, query.value.since, query.value.limit);
        return jsonReply(200, { ...changes, upserts: changes.upserts.map(entryBody) });
      },
    },
    {
      method: 'GET',
      path: '/api/softphone/phonebook/search',
      handle(request) {
        const session = deps.authenticateSoftphone(request);
        if (!session) return unauthorizedSoftphone();
        const query = validate(softphoneSearchQuerySchema, queryObject(request.query));
        if (!query.ok) return query.reply;
        const page = phonebook.search(session.tenantId, query.value.q, 0, query.value.limit);
        return jsonReply(200, { total: page.total, entries: page.entries.map(entryBody) });
      },
    },
  ];
}

/** The wire form of an entry (customer page and softphone alike). */
export function entryBody(entry: PhonebookEntry): Record<string, unknown> {
  return {
    id: entry.id,
    name: entry.name,
    reading: entry.reading,
    company: entry.company,
    department: entry.department,
    numbers: entry.numbers.map(({ label, digits }) => ({ label, digits })),
    notes: entry.notes,
    version: entry.version,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  };
}

function entryProblemsReply(problems: readonly EntryProblem[]): ApiReply {
  return {
    status: 400,
    body: {
      error: { code: 'invalid-argument', message: problems.map((problem) => problem.reason).join('。') },
      problems: problems.map(({ place, reason }) => ({ ...place, reason })),
    },
  };
}

function draftOf(entry: PhonebookEntry): EntryDraft {
  return { ...entry, numbers: entry.numbers.map(({ label, digits }) => ({ label, number: digits })) };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
