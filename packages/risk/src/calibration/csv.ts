import { ValidationError } from "../errors.ts";

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. Returns rows keyed by header. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
    } else field += char;
  }
  if (quoted) throw new ValidationError("csv", "unterminated quote", "a quoted field never closes");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) throw new ValidationError("csv", "", "empty input");
  return body.map((cells, index) => {
    if (cells.length !== header.length) {
      throw new ValidationError(`csv row ${index + 2}`, cells.length, `expected ${header.length} columns`);
    }
    return Object.fromEntries(header.map((name, column) => [name, cells[column] ?? ""]));
  });
}
