/** One data line of a CSV file: its 1-based line number in the file (the header is line 1) and its cells. */
export interface CsvLine {
  line: number;
  cells: string[];
}

export interface CsvTable {
  /** the header's column names, trimmed */
  header: string[];
  /** the non-blank lines after the header */
  lines: CsvLine[];
  /** a cell of `line` by column name, trimmed ('' when the column or the cell is absent) */
  at(line: CsvLine, column: string): string;
}

/**
 * Reads a CSV export the way the back office's imports need it: a header line naming the columns
 * in any order, commas between cells, a byte-order mark and Windows line ends tolerated. Quotes are
 * not supported: none of the imported fields (numbers, codes, dates, phones) needs them, and a
 * spreadsheet only adds them to cells holding commas. Line numbers are kept so every problem can be
 * reported against the line the administrator sees in their spreadsheet.
 */
export function readCsv(text: string): CsvTable {
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (raw[0] ?? '').split(',').map((h) => h.trim());
  const lines: CsvLine[] = [];
  raw.slice(1).forEach((content, i) => {
    if (content.trim() !== '') lines.push({ line: i + 2, cells: content.split(',') });
  });
  return {
    header,
    lines,
    at(line, column) {
      const index = header.indexOf(column);
      return index < 0 ? '' : (line.cells[index] ?? '').trim();
    },
  };
}
