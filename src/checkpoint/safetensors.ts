/**
 * The safetensors file format (https://github.com/huggingface/safetensors):
 * an 8-byte little-endian header length N, N bytes of JSON header (padded
 * with spaces to a multiple of 8), then the tensors' bytes back to back.
 * Each header entry gives a tensor's `dtype`, `shape` and `data_offsets`
 * ([begin, end) within the data); `__metadata__` maps strings to strings.
 *
 * Typed arrays are read and written in host byte order, so this assumes a
 * little-endian host, as every platform Deno runs on is.
 */
export { fromF16, toF16 } from "./f16.ts";

export type SafeTensor =
  | { dtype: "F32"; shape: number[]; data: Float32Array }
  | { dtype: "F16"; shape: number[]; data: Uint16Array }
  | { dtype: "I32"; shape: number[]; data: Int32Array };

export type Dtype = SafeTensor["dtype"];
export type Metadata = Record<string, string>;

interface HeaderEntry {
  dtype: Dtype;
  shape: number[];
  data_offsets: [number, number];
}

const BYTES_PER_ELEMENT: Record<Dtype, number> = { F32: 4, F16: 2, I32: 4 };
const METADATA_KEY = "__metadata__";

/** Serializes tensors, in the order of `tensors`' keys, with optional metadata. */
export function encodeSafetensors(tensors: Record<string, SafeTensor>, metadata?: Metadata): Uint8Array {
  const header: Record<string, unknown> = metadata ? { [METADATA_KEY]: metadata } : {};
  let offset = 0;
  for (const [name, { dtype, shape, data }] of Object.entries(tensors)) {
    if (data.length !== elementCount(shape)) {
      throw new Error(
        `tensor ${name}: shape [${shape}] needs ${elementCount(shape)} values, got ${data.length}`,
      );
    }
    header[name] = { dtype, shape, data_offsets: [offset, offset + data.byteLength] };
    offset += data.byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.fill(0x20, 8, 8 + headerLength).set(json, 8);
  let at = 8 + headerLength;
  for (const { data } of Object.values(tensors)) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    at += data.byteLength;
  }
  return out;
}

/** Parses a safetensors file; throws a descriptive error for anything malformed. */
export function decodeSafetensors(
  bytes: Uint8Array,
): { tensors: Record<string, SafeTensor>; metadata: Metadata } {
  const { entries, metadata, dataStart } = readHeader(bytes);
  const data = bytes.subarray(dataStart);
  checkLayout(entries, data.length);
  const tensors: Record<string, SafeTensor> = {};
  for (const [name, entry] of Object.entries(entries)) tensors[name] = readTensor(entry, data);
  return { tensors, metadata };
}

function readHeader(bytes: Uint8Array) {
  if (bytes.length < 8) {
    throw new Error(`safetensors: truncated file (${bytes.length} bytes, no header length)`);
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (length > BigInt(bytes.length - 8)) {
    throw new Error(
      `safetensors: truncated file (header of ${length} bytes, only ${bytes.length - 8} follow)`,
    );
  }
  const dataStart = 8 + Number(length);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (e) {
    throw new Error(`safetensors: header is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(header)) throw new Error("safetensors: header is not a JSON object");
  const { [METADATA_KEY]: metadata = {}, ...entries } = header;
  checkMetadata(metadata);
  for (const [name, entry] of Object.entries(entries)) checkEntry(name, entry);
  return { entries: entries as Record<string, HeaderEntry>, metadata, dataStart };
}

function checkMetadata(metadata: unknown): asserts metadata is Metadata {
  if (!isObject(metadata) || !Object.values(metadata).every((v) => typeof v === "string")) {
    throw new Error(`safetensors: ${METADATA_KEY} must map strings to strings`);
  }
}

function checkEntry(name: string, entry: unknown): asserts entry is HeaderEntry {
  if (!isObject(entry)) throw new Error(`safetensors: tensor ${name}: header entry is not an object`);
  const { dtype, shape, data_offsets: offsets } = entry;
  if (typeof dtype !== "string" || !Object.hasOwn(BYTES_PER_ELEMENT, dtype)) {
    throw new Error(`safetensors: tensor ${name}: unknown dtype ${JSON.stringify(dtype)}`);
  }
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    throw new Error(`safetensors: tensor ${name}: shape must be a list of non-negative integers`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    throw new Error(`safetensors: tensor ${name}: data_offsets must be [begin, end] with begin ≤ end`);
  }
}

/** The tensors must tile the data exactly: no gaps, no overlaps, nothing missing. */
function checkLayout(entries: Record<string, HeaderEntry>, dataLength: number): void {
  const sorted = Object.entries(entries).sort(([, a], [, b]) => a.data_offsets[0] - b.data_offsets[0]);
  let expected = 0;
  for (const [name, { dtype, shape, data_offsets: [begin, end] }] of sorted) {
    if (end > dataLength) {
      throw new Error(
        `safetensors: truncated file (tensor ${name} ends at byte ${end} of a ${dataLength}-byte data section)`,
      );
    }
    if (begin !== expected) {
      throw new Error(`safetensors: tensor ${name}: data_offsets start at ${begin}, expected ${expected}`);
    }
    if (end - begin !== elementCount(shape) * BYTES_PER_ELEMENT[dtype]) {
      throw new Error(
        `safetensors: tensor ${name}: data_offsets [${begin}, ${end}] do not fit ${dtype} [${shape}]`,
      );
    }
    expected = end;
  }
  if (expected !== dataLength) {
    throw new Error(`safetensors: ${dataLength - expected} bytes after the last tensor`);
  }
}

function readTensor({ dtype, shape, data_offsets: [begin, end] }: HeaderEntry, data: Uint8Array): SafeTensor {
  const buffer = data.slice(begin, end).buffer; // a copy, aligned whatever the offset
  switch (dtype) {
    case "F32":
      return { dtype, shape, data: new Float32Array(buffer) };
    case "F16":
      return { dtype, shape, data: new Uint16Array(buffer) };
    case "I32":
      return { dtype, shape, data: new Int32Array(buffer) };
  }
}

function elementCount(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function isCount(x: unknown): x is number {
  return Number.isSafeInteger(x) && (x as number) >= 0;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
