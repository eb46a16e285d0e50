/** Numeric tables from CSV files (a header row, then one sample per row), z-scored per column. */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { basename } from "node:path";
import { testCount } from "./split.ts";
import type { Dataset } from "./types.ts";

interface Table {
  columns: string[];
  rows: Float32Array;
  n: number;
}

interface ColumnStats {
  mean: Float64Array;
  std: Float64Array;
}

/** The last 10% of rows are the test split; the mean and std come from the training rows. */
export async function loadCsv(path: string): Promise<Dataset> {
  const { columns, rows, n } = parseCsv(await Deno.readTextFile(path), path);
  const d = columns.length;
  const trainN = n - testCount(n);
  const stats = columnStats(rows.subarray(0, trainN * d), d);
  const x = rows.map((v, i) => (v - stats.mean[i % d]) / stats.std[i % d]);
  return {
    name: basename(path, ".csv"),
    kind: "table",
    shape: [d],
    columns,
    train: { x: x.subarray(0, trainN * d), n: trainN },
    test: { x: x.subarray(trainN * d), n: n - trainN },
    denormalize: (z) => z.map((v, i) => v * stats.std[i % d] + stats.mean[i % d]),
  };
}

/** `n` rows of samples (in original units) as CSV text with a header row. */
export function toCsv(columns: string[], rows: Float32Array, n: number): string {
  const d = columns.length;
  const records = Array.from({ length: n }, (_, r) => Array.from(rows.subarray(r * d, (r + 1) * d), format));
  return stringify([columns, ...records]);
}

/**
 * Parses the header and numeric rows with csv-parse (quotes, CRLF, a BOM);
 * an error names the file, line and column at fault.
 */
function parseCsv(text: string, file: string): Table {
  const records = readRecords(text, file);
  if (records.length === 0) throw new Error(`${file}: empty CSV file`);
  const columns = records[0].record;
  if (columns.every((cell) => cell !== "" && Number.isFinite(Number(cell)))) {
    throw new Error(`${file}: the first line is numbers, not a header naming the columns`);
  }
  const body = records.slice(1);
  if (body.length === 0) throw new Error(`${file}: no data rows after the header`);
  const rows = new Float32Array(body.length * columns.length);
  body.forEach(({ record, info }, r) => {
    record.forEach((cell, c) => {
      const value = Number(cell);
      if (cell === "" || !Number.isFinite(value)) {
        throw new Error(
          `${file}: line ${info.lines}, column ${c + 1} "${columns[c]}": "${cell}" is not a number`,
        );
      }
      rows[r * columns.length + c] = value;
    });
  });
  return { columns, rows, n: body.length };
}

function readRecords(text: string, file: string): { record: string[]; info: { lines: number } }[] {
  try {
    // With `info`, each record comes with the line it ends on.
    return parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const { message, lines } = e as Error & { lines?: number };
    throw new Error(`${file}: line ${lines}: ${message.replace(/ (on|at) line \d+/, "")}`);
  }
}

/** Per-column mean and standard deviation; a constant column gets std 1, leaving it centred. */
function columnStats(rows: Float32Array, d: number): ColumnStats {
  const n = rows.length / d;
  const mean = new Float64Array(d), std = new Float64Array(d);
  rows.forEach((v, i) => mean[i % d] += v / n);
  rows.forEach((v, i) => std[i % d] += (v - mean[i % d]) ** 2 / n);
  return { mean, std: std.map((s) => Math.sqrt(s) || 1) };
}

/** A float32's value with no more digits than float32 holds. */
function format(value: number): string {
  return String(Number(value.toPrecision(7)));
}
