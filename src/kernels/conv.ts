/**
 * 2D convolution (NHWC input, [fh, fw, in, out] filter) and both of its
 * gradients, each as gathered GEMMs over a zero-padded copy of the input:
 *
 *   forward:          y  = im2col(x) · W
 *   filter gradient:  dW = im2col(x)ᵀ · dy
 *   input gradient:   dx, split by output phase (iy mod stride, ix mod stride):
 *                     each phase is a stride-1 convolution of dy with the
 *                     filter taps that reach it, so no zero is multiplied;
 *                     for few input channels, col2im(dy · Wᵀ) instead, which
 *                     reads dy once rather than once per tap.
 *
 * The geometry is tfjs's Conv2DInfo; these functions take and return plain
 * Float32Arrays and know nothing else of tfjs.
 */
import { gemm, strided } from "./gemm.ts";
import type { KernelRuntime } from "./runtime.ts";

export interface ConvGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padInfo: { top: number; left: number };
}

/**
 * Copies `src` ([n, h, w, c]) into a zeroed [n, hp, wp, c] arena buffer at
 * row offset `top` and column offset `left`; returns its address.
 */
function padded(
  rt: KernelRuntime,
  src: Float32Array,
  [n, h, w, c]: number[],
  top: number,
  left: number,
  hp: number,
  wp: number,
): number {
  const ptr = rt.alloc(n * hp * wp * c * 4);
  const dst = rt.f32(ptr, n * hp * wp * c);
  const row = w * c, paddedRow = wp * c;
  // Zeros only where no input lands: a padded copy is written once, not cleared first.
  for (let b = 0; b < n; b++) {
    const image = b * hp * paddedRow;
    dst.fill(0, image, image + top * paddedRow);
    for (let y = 0; y < h; y++) {
      const at = image + (y + top) * paddedRow, from = (b * h + y) * row;
      dst.fill(0, at, at + left * c);
      dst.set(src.subarray(from, from + row), at + left * c);
      dst.fill(0, at + left * c + row, at + paddedRow);
    }
    dst.fill(0, image + (h + top) * paddedRow, image + hp * paddedRow);
  }
  return ptr;
}

/** im2col of x as offset tables into its padded copy: rows (b, oy, ox), columns (ky, kx, c). */
function im2col(g: ConvGeometry, rt: KernelRuntime, x: Float32Array) {
  const { batchSize: n, outHeight: oh, outWidth: ow, inChannels: c } = g;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sy, strideWidth: sx } = g;
  const { dilationHeight: dy, dilationWidth: dx } = g;
  const hp = Math.max(g.inHeight + g.padInfo.top, (oh - 1) * sy + (fh - 1) * dy + 1);
  const wp = Math.max(g.inWidth + g.padInfo.left, (ow - 1) * sx + (fw - 1) * dx + 1);
  const ptr = padded(rt, x, [n, g.inHeight, g.inWidth, c], g.padInfo.top, g.padInfo.left, hp, wp);
  const rows = new Int32Array(n * oh * ow);
  for (let b = 0, i = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      for (let x0 = 0; x0 < ow; x0++) rows[i++] = ((b * hp + y * sy) * wp + x0 * sx) * c;
    }
  }
  const cols = new Int32Array(fh * fw * c);
  for (let ky = 0, j = 0; ky < fh; ky++) {
    for (let kx = 0; kx < fw; kx++) {
      for (let ch = 0; ch < c; ch++) cols[j++] = (ky * dy * wp + kx * dx) * c + ch;
    }
  }
  return { ptr, rows, cols };
}

/** An arena buffer for a result that is copied into `out` when done. */
function result(rt: KernelRuntime, out: Float32Array) {
  const ptr = rt.alloc(out.byteLength);
  return { ptr, copyOut: () => out.set(rt.f32(ptr, out.length)) };
}

/**
 * y[n, oh, ow, out] of x[n, h, w, in] and filter[fh, fw, in, out], plus bias[out] if given, then a
 * leaky ReLU of that slope if given, into `out`.
 */
export function conv2d(
  rt: KernelRuntime,
  g: ConvGeometry,
  x: Float32Array,
  filter: Float32Array,
  out: Float32Array,
  bias?: Float32Array,
  slope?: number,
): void {
  rt.reset();
  const a = im2col(g, rt, x);
  const co = g.outChannels, m = a.rows.length, k = a.cols.length;
  const y = result(rt, out);
  gemm(rt, a, { ptr: rt.put(filter), rows: strided(k, co), cols: strided(co, 1) }, {
    ptr: y.ptr,
    rows: strided(m, co),
    bias: bias && rt.put(bias),
    slope,
  });
  y.copyOut();
}

/** dW[fh, fw, in, out] of x[n, h, w, in] and dy[n, oh, ow, out], into `out`. */
export function conv2dBackpropFilter(
  rt: KernelRuntime,
  g: ConvGeometry,
  x: Float32Array,
  dy: Float32Array,
  out: Float32Array,
): void {
  rt.reset();
  const a = im2col(g, rt, x);
  const co = g.outChannels, m = a.rows.length, k = a.cols.length;
  const dw = result(rt, out);
  gemm(rt, { ptr: a.ptr, rows: a.cols, cols: a.rows }, {
    ptr: rt.put(dy),
    rows: strided(m, co),
    cols: strided(co, 1),
  }, {
    ptr: dw.ptr,
    rows: strided(k, co),
  });
  dw.copyOut();
}

/** For output phase r of one axis: the filter taps that reach it and their dy offsets. */
function phaseTaps(r: number, pad: number, size: number, stride: number, dilation: number) {
  const taps: number[] = [], shifts: number[] = [];
  for (let t = 0; t < size; t++) {
    const s = r + pad - t * dilation;
    if (((s % stride) + stride) % stride === 0) {
      taps.push(t);
      shifts.push(s / stride);
    }
  }
  return { taps, shifts };
}

/** dx[n, h, w, in] of dy[n, oh, ow, out] and filter[fh, fw, in, out], into `out`. */
export function conv2dBackpropInput(
  rt: KernelRuntime,
  g: ConvGeometry,
  dy: Float32Array,
  filter: Float32Array,
  out: Float32Array,
): void {
  rt.reset();
  // The phase GEMMs have `in` columns: below the micro-kernel's width they waste it.
  if (g.inChannels < 8) return backpropInputByCol2Im(rt, g, dy, filter, out);
  backpropInputByPhases(rt, g, dy, filter, out);
}

function backpropInputByCol2Im(
  rt: KernelRuntime,
  g: ConvGeometry,
  dy: Float32Array,
  filter: Float32Array,
  out: Float32Array,
): void {
  const m = g.batchSize * g.outHeight * g.outWidth, co = g.outChannels;
  const row = g.filterHeight * g.filterWidth * g.inChannels;
  const cols = rt.alloc(m * row * 4);
  gemm(rt, { ptr: rt.put(dy), rows: strided(m, co), cols: strided(co, 1) }, {
    ptr: rt.put(filter),
    rows: strided(co, 1),
    cols: strided(row, co),
  }, { ptr: cols, rows: strided(m, row) });
  const dx = result(rt, out);
  const task = rt.struct([
    g.batchSize,
    g.outHeight,
    g.outWidth,
    g.inHeight,
    g.inWidth,
    g.inChannels,
    g.filterHeight,
    g.filterWidth,
    g.strideHeight,
    g.strideWidth,
    g.padInfo.top,
    g.padInfo.left,
    g.dilationHeight,
    g.dilationWidth,
    cols,
    dx.ptr,
  ]);
  // Threads split col2im by whole images: a single image leaves the other threads nothing to do.
  rt.pool.run("col2im_run", task, g.batchSize === 1);
  dx.copyOut();
}

function backpropInputByPhases(
  rt: KernelRuntime,
  g: ConvGeometry,
  dy: Float32Array,
  filter: Float32Array,
  out: Float32Array,
): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow } = g;
  const { outChannels: co, filterWidth: fw, strideHeight: sy, strideWidth: sx } = g;
  const ys = Array.from(
    { length: sy },
    (_, r) => phaseTaps(r, g.padInfo.top, g.filterHeight, sy, g.dilationHeight),
  );
  const xs = Array.from(
    { length: sx },
    (_, r) => phaseTaps(r, g.padInfo.left, g.filterWidth, sx, g.dilationWidth),
  );
  // Pad dy so that every shifted read of every phase lands inside it.
  const span = (phases: { shifts: number[] }[], out: number, count: number) => {
    const all = phases.flatMap((p) => p.shifts);
    const before = Math.max(0, -Math.min(0, ...all));
    return { before, size: before + Math.max(out, Math.ceil(count) + Math.max(0, ...all)) };
  };
  const py = span(ys, oh, h / sy), px = span(xs, ow, w / sx);
  const dyp = padded(rt, dy, [n, oh, ow, co], py.before, px.before, py.size, px.size);
  const wp = rt.put(filter);
  const dx = result(rt, out);
  for (let ry = 0; ry < sy; ry++) {
    for (let rx = 0; rx < sx; rx++) {
      const ty = Math.ceil((h - ry) / sy), tx = Math.ceil((w - rx) / sx);
      if (ty <= 0 || tx <= 0) continue;
      const rows = new Int32Array(n * ty * tx), out = new Int32Array(n * ty * tx);
      for (let b = 0, i = 0; b < n; b++) {
        for (let y = 0; y < ty; y++) {
          for (let x = 0; x < tx; x++, i++) {
            rows[i] = ((b * py.size + y + py.before) * px.size + x + px.before) * co;
            out[i] = ((b * h + ry + y * sy) * w + rx + x * sx) * ci;
          }
        }
      }
      const { taps: tapsY, shifts: shiftsY } = ys[ry], { taps: tapsX, shifts: shiftsX } = xs[rx];
      const k = tapsY.length * tapsX.length * co;
      const cols = new Int32Array(k), wRows = new Int32Array(k);
      for (let jy = 0, p = 0; jy < tapsY.length; jy++) {
        for (let jx = 0; jx < tapsX.length; jx++) {
          for (let o = 0; o < co; o++, p++) {
            cols[p] = (shiftsY[jy] * px.size + shiftsX[jx]) * co + o;
            wRows[p] = (tapsY[jy] * fw + tapsX[jx]) * ci * co + o;
          }
        }
      }
      gemm(rt, { ptr: dyp, rows, cols }, { ptr: wp, rows: wRows, cols: strided(ci, co) }, {
        ptr: dx.ptr,
        rows: out,
      });
    }
  }
  dx.copyOut();
}
