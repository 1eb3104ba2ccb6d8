import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { formatJapaneseNumber } from '../domain/phone-number.js';
import { decodeCsv, encodeCsv, type CsvEncoding } from './csv-encoding.js';
import { checkEntryDraft, type EntryProblem, type PhonebookEntryFields } from './phonebook-entry.js';

/**
 * The phonebook as a CSV file with the Japanese headers Excel users expect, in any column
 * order. Import is all or nothing: every row is checked first and any problem rejects the file
 * with a report naming row (as Excel numbers it: the header is row 1), column and reason.
 */
export const CSV_COLUMNS = [
  '名前',
  'フリガナ',
  '会社名',
  '部署',
  '電話番号1',
  '電話番号1種別',
  '電話番号2',
  '電話番号2種別',
  '電話番号3',
  '電話番号3種別',
  'メモ',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly CsvColumn[] = ['名前', '電話番号1'];
const NUMBER_COLUMNS = [
  ['電話番号1', '電話番号1種別'],
  ['電話番号2', '電話番号2種別'],
  ['電話番号3', '電話番号3種別'],
] as const satisfies readonly (readonly [CsvColumn, CsvColumn])[];

export const CSV_LIMITS = {
  bytes: 5 * 1024 * 1024,
  rows: 20_000,
  /** a report longer than this is cut (the file is rejected anyway) */
  reportedProblems: 1_000,
} as const;

export interface CsvRowProblem {
  /** the row as Excel shows it: the header is row 1 */
  row: number;
  column: string;
  reason: string;
}

export type CsvImport =
  | { ok: true; entries: PhonebookEntryFields[]; encoding: CsvEncoding }
  /** the file as a whole is unusable: encoding, syntax, headers or size */
  | { ok: false; kind: 'file'; reason: string; tooLarge?: boolean }
  /** some rows are wrong: nothing may be applied */
  | { ok: false; kind: 'rows'; problems: CsvRowProblem[]; truncated: boolean; encoding: CsvEncoding };

/** Decodes, parses and checks a whole CSV file. */
export function readPhonebookCsv(bytes: Uint8Array): CsvImport {
  if (bytes.byteLength > CSV_LIMITS.bytes) return fileProblem(`ファイルが大きすぎます（上限 ${CSV_LIMITS.bytes / 1024 / 1024} MiB）`, true);
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return fileProblem(decoded.reason);

  let records: string[][];
  try {
    records = parse(decoded.text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return fileProblem(`CSV の形式が正しくありません${line ? `（${line} 行目付近。" の閉じ忘れなど）` : ''}`);
  }
  const [header, ...rows] = records;
  if (!header) return fileProblem('ファイルが空です。1 行目に見出し（名前, 電話番号1 など）が必要です');
  const columns = readHeader(header);
  if (!columns.ok) return fileProblem(columns.reason);
  // Blank lines are kept while numbering, so row numbers are the ones Excel shows.
  const dataRows = rows.map((cells, index) => ({ cells, row: index + 2 })).filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  if (dataRows.length > CSV_LIMITS.rows) {
    return fileProblem(`行数が多すぎます（${dataRows.length.toLocaleString('ja-JP')} 行。上限 ${CSV_LIMITS.rows.toLocaleString('ja-JP')} 行）`, true);
  }
  if (dataRows.length === 0) return fileProblem('取り込むデータの行がありません');

  const problems: CsvRowProblem[] = [];
  const entries: PhonebookEntryFields[] = [];
  for (const { cells, row } of dataRows) {
    const checked = checkRow(cells, columns.value, row);
    if (checked.ok) entries.push(checked.value);
    else problems.push(...checked.problems);
  }
  if (problems.length > 0) {
    return {
      ok: false,
      kind: 'rows',
      problems: problems.slice(0, CSV_LIMITS.reportedProblems),
      truncated: problems.length > CSV_LIMITS.reportedProblems,
      encoding: decoded.encoding,
    };
  }
  return { ok: true, entries, encoding: decoded.encoding };
}

export type CsvExport = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/** The entries as a CSV file Excel opens directly: UTF-8 with BOM, or CP932; CRLF line ends. */
export function writePhonebookCsv(entries: readonly PhonebookEntryFields[], encoding: CsvEncoding): CsvExport {
  const rows = entries.map((entry) => {
    const numberCells = NUMBER_COLUMNS.flatMap((_columns, i) => {
      const number = entry.numbers[i];
      // with hyphens, as people write them (and so Excel keeps the leading 0)
      return number ? [formatJapaneseNumber(number.digits), number.label] : ['', ''];
    });
    return [entry.name, entry.reading, entry.company, entry.department, ...numberCells, entry.notes].map(neutralizeFormula);
  });
  const text = stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: 'windows' });
  const encoded = encodeCsv(text, encoding);
  if (encoded.ok) return { ok: true, bytes: encoded.bytes };
  const row = rows.findIndex((cells) => !encodeCsv(cells.join(''), 'sjis').ok);
  return {
    ok: false,
    reason: `Shift_JIS で表せない文字「${encoded.unrepresentable}」が含まれています${row >= 0 ? `（${row + 2} 行目）` : ''}。UTF-8 で書き出してください`,
  };
}

/**
 * A cell starting with = + - @ is a formula to Excel: a hostile entry could run one on the
 * admin's PC. Exported cells get a leading ' (Excel's "text" mark), which import removes again.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function restoreFormulaText(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

type HeaderMap = ReadonlyMap<CsvColumn, number>;

function readHeader(header: readonly string[]): { ok: true; value: HeaderMap } | { ok: false; reason: string } {
  const columns = new Map<CsvColumn, number>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.replace(/^\ufeff/, '').trim();
    if (name === '') return;
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) unknown.push(name);
    else if (columns.has(name as CsvColumn)) duplicated.push(name);
    else columns.set(name as CsvColumn, index);
  });
  if (unknown.length > 0) {
    return { ok: false, reason: `不明な見出しがあります: ${unknown.join(', ')}（使える見出し: ${CSV_COLUMNS.join(', ')}）` };
  }
  if (duplicated.length > 0) return { ok: false, reason: `見出しが重複しています: ${duplicated.join(', ')}` };
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0) return { ok: false, reason: `必要な見出しがありません: ${missing.join(', ')}` };
  return { ok: true, value: columns };
}

function checkRow(
  cells: readonly string[],
  columns: HeaderMap,
  row: number,
): { ok: true; value: PhonebookEntryFields } | { ok: false; problems: CsvRowProblem[] } {
  const problems: CsvRowProblem[] = [];
  const known = new Set(columns.values());
  cells.forEach((cell, index) => {
    if (!known.has(index) && cell.trim() !== '') {
      problems.push({ row, column: `${index + 1} 列目（見出しなし）`, reason: '見出しのない列に値があります' });
    }
  });
  const cell = (column: CsvColumn): string => {
    const index = columns.get(column);
    return index === undefined ? '' : restoreFormulaText(cells[index] ?? '');
  };

  // Numbers keep their column: a 種別 without its number is a mistake worth naming.
  const numbers: { label: string; number: string }[] = [];
  const numberColumns: (readonly [CsvColumn, CsvColumn])[] = [];
  for (const [numberColumn, labelColumn] of NUMBER_COLUMNS) {
    const number = cell(numberColumn).trim();
    const label = cell(labelColumn).trim();
    if (number !== '') {
      numbers.push({ label, number });
      numberColumns.push([numberColumn, labelColumn]);
    } else if (label !== '') {
      problems.push({ row, column: labelColumn, reason: `${numberColumn} が空なのに種別が入力されています` });
    }
  }
  const checked = checkEntryDraft({
    name: cell('名前'),
    reading: cell('フリガナ'),
    company: cell('会社名'),
    department: cell('部署'),
    notes: cell('メモ'),
    numbers,
  });
  if (!checked.ok) problems.push(...checked.problems.map((problem) => ({ row, column: columnOf(problem, numberColumns), reason: problem.reason })));
  return problems.length === 0 && checked.ok ? { ok: true, value: checked.value } : { ok: false, problems };
}

function columnOf(problem: EntryProblem, numberColumns: readonly (readonly [CsvColumn, CsvColumn])[]): string {
  const { place } = problem;
  switch (place.field) {
    case 'name':
      return '名前';
    case 'reading':
      return 'フリガナ';
    case 'company':
      return '会社名';
    case 'department':
      return '部署';
    case 'notes':
      return 'メモ';
    case 'numbers':
      return '電話番号1';
    case 'number':
      return numberColumns[place.index]?.[0] ?? '電話番号1';
    case 'label':
      return numberColumns[place.index]?.[1] ?? '電話番号1種別';
  }
}

function fileProblem(reason: string, tooLarge = false): CsvImport {
  return tooLarge ? { ok: false, kind: 'file', reason, tooLarge } : { ok: false, kind: 'file', reason };
}
