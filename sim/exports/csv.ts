// RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted when it holds a
// comma, a double quote, CR or LF, and a double quote inside a quoted field doubled.
//
// Decisions:
// - The file starts with a UTF-8 byte order mark. The console's users open exports in Excel, which
//   reads a CSV without a BOM in the system's ANSI code page and garbles Chinese tags and remarks; with
//   the BOM it reads UTF-8. Other CSV readers skip or tolerate it (RFC 4180 allows no header marker
//   either way; the BOM is outside the records).
// - Free text the user typed (remarks, tags) that starts with = + - @, a tab or CR is prefixed with a
//   single quote, so that a spreadsheet shows it as text instead of running it as a formula (CSV
//   injection, OWASP). Numbers and the twin's own values are written as they are.
export type CsvValue = string | number | boolean | null | undefined;

/** U+FEFF: written once at the start of the file; 3 bytes in UTF-8. */
export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: empty for null/undefined, quoted only when it must be. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Free text from a user, made safe to open in a spreadsheet (see above). */
export function csvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One record with its CRLF. */
export function csvRecord(values: readonly CsvValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvField(values[i]);
  }
  return line + CSV_EOL;
}

/** Bytes the text takes in UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Reads CSV text back into records (for tests and tools): the inverse of csvRecord. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.startsWith(CSV_BOM) ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
