/** Undoing PNG's per-row filters (PNG spec section 9): each byte was stored minus a prediction. */

/**
 * Returns the unfiltered rows of `data` (each row: one filter-type byte, then `stride` bytes).
 * `bpp` is the byte distance to the corresponding byte of the previous pixel.
 */
export function unfilter(data: Uint8Array, height: number, stride: number, bpp: number): Uint8Array {
  if (data.length < height * (stride + 1)) throw new Error("PNG image data is truncated");
  const out = new Uint8Array(height * stride);
  const zeros = new Uint8Array(stride); // the row above the first row
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const type = data[start];
    if (type > 4) throw new Error(`PNG row ${y} has unknown filter type ${type}`);
    const line = data.subarray(start + 1, start + 1 + stride);
    const row = out.subarray(y * stride, (y + 1) * stride);
    const prior = y > 0 ? out.subarray((y - 1) * stride, y * stride) : zeros;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? row[x - bpp] : 0;
      const c = x >= bpp ? prior[x - bpp] : 0;
      row[x] = line[x] + predict(type, a, prior[x], c); // Uint8Array stores modulo 256
    }
  }
  return out;
}

/** The prediction from the left (a), above (b) and upper-left (c) bytes. */
function predict(type: number, a: number, b: number, c: number): number {
  switch (type) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    default:
      return paeth(a, b, c);
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}
