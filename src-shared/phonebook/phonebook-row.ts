/**
 * How an entry's fields sit in a SQLite row, the same in the server's Web電話帳 and in the
 * softphone's local phonebook and cache: text columns, and the numbers as a JSON array.
 */
import type { PhonebookEntryFields, PhonebookNumber } from './phonebook-entry.js';

export interface PhonebookFieldsRow {
  name: string;
  reading: string;
  company: string;
  department: string;
  /** JSON: [{ label, digits }] */
  numbers: string;
  notes: string;
}

/** Statement parameters for the fields (only label and digits of each number are kept). */
export function fieldsToRow(fields: PhonebookEntryFields): PhonebookFieldsRow {
  return {
    name: fields.name,
    reading: fields.reading,
    company: fields.company,
    department: fields.department,
    numbers: JSON.stringify(fields.numbers.map(({ label, digits }) => ({ label, digits }))),
    notes: fields.notes,
  };
}

export function fieldsFromRow(row: PhonebookFieldsRow): PhonebookEntryFields {
  return {
    name: row.name,
    reading: row.reading,
    company: row.company,
    department: row.department,
    numbers: JSON.parse(row.numbers) as PhonebookNumber[],
    notes: row.notes,
  };
}
