/** An 8-bit image, pixels row-major and interleaved (gray, gray+alpha, RGB or RGBA). */
export interface Image {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  pixels: Uint8Array;
}

/** True when the image carries no colour: a gray format, or RGB(A) with r = g = b everywhere. */
export function isGray(image: Image): boolean {
  if (image.channels <= 2) return true;
  const { pixels, channels } = image;
  for (let i = 0; i < pixels.length; i += channels) {
    if (pixels[i] !== pixels[i + 1] || pixels[i] !== pixels[i + 2]) return false;
  }
  return true;
}

/**
 * Converts to gray (ITU-R 601 luma) or RGB. Alpha is composited over black, so
 * transparent areas become background rather than whatever colour they hide.
 */
export function toChannels(image: Image, channels: 1 | 3): Image {
  if (image.channels === channels) return image;
  const { width, height, pixels } = image;
  const from = image.channels;
  const hasAlpha = from === 2 || from === 4;
  const colour = from >= 3 ? 1 : 0; // offset step from red to green to blue; 0 replicates gray
  const out = new Uint8Array(width * height * channels);
  for (let p = 0; p < width * height; p++) {
    const i = p * from;
    const alpha = hasAlpha ? pixels[i + from - 1] / 255 : 1;
    const r = pixels[i] * alpha, g = pixels[i + colour] * alpha, b = pixels[i + 2 * colour] * alpha;
    if (channels === 1) {
      out[p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    } else {
      out[p * 3] = Math.round(r);
      out[p * 3 + 1] = Math.round(g);
      out[p * 3 + 2] = Math.round(b);
    }
  }
  return { width, height, channels, pixels: out };
}
