/** Numeric tables from CSV files (a header row, then one sample per row), z-scored per column. */
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
  const lines = Array.from(
    { length: n },
    (_, r) => Array.from(rows.subarray(r * d, (r + 1) * d), format).join(","),
  );
  return [columns.join(","), ...lines].join("\n") + "\n";
}

/** Parses the header and numeric rows; an error names the file, row, line and column at fault. */
export function parseCsv(text: string, file: string): Table {
  const lines = text.split(/\r?\n/).map((line, i) => ({ line: i + 1, cells: line.split(",") }))
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ""));
  if (lines.length === 0) throw new Error(`${file}: empty CSV file`);
  const columns = lines[0].cells.map((name) => name.trim().replace(/^"(.*)"$/, "$1"));
  const body = lines.slice(1);
  if (body.length === 0) throw new Error(`${file}: no data rows after the header`);
  const rows = new Float32Array(body.length * columns.length);
  body.forEach(({ line, cells }, r) => {
    const where = `${file}: row ${r + 1} (line ${line})`;
    if (cells.length !== columns.length) {
      throw new Error(`${where} has ${cells.length} cells, expected ${columns.length}`);
    }
    cells.forEach((cell, c) => {
      const value = Number(cell);
      if (cell.trim() === "" || !Number.isFinite(value)) {
        throw new Error(`${where}, column ${c + 1} "${columns[c]}": "${cell}" is not a number`);
      }
      rows[r * columns.length + c] = value;
    });
  });
  return { columns, rows, n: body.length };
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
