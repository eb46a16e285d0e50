/**
 * The parts of PNG encoding that need no deflate: the raw rows and the file
 * around their compressed stream, so the deflate can be node:zlib's
 * (synchronous, src/image/png.ts) or the web's CompressionStream (png_web.ts).
 */
import { crc32 } from "./crc32.ts";
import type { Image } from "./image.ts";

export const SIGNATURE = Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10);
const COLOUR_TYPE: Record<Image["channels"], number> = { 1: 0, 2: 4, 3: 2, 4: 6 };

/** The image's rows, each behind its filter byte 0 (None): the images here are small grids. */
export function pngRows({ width, height, channels, pixels }: Image): Uint8Array {
  if (pixels.length !== width * height * channels) {
    throw new Error(`encodePng: ${pixels.length} bytes for a ${width}x${height}x${channels} image`);
  }
  const stride = width * channels;
  const rows = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    rows.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return rows;
}

/** An 8-bit non-interlaced PNG file around `idat`, the zlib stream of pngRows(image). */
export function pngFile({ width, height, channels }: Image, idat: Uint8Array): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8;
  header[9] = COLOUR_TYPE[channels];
  return concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", idat), chunk("IEND", new Uint8Array(0))]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
