import { zlibSync } from "fflate";
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { concatBytes } from "../src/bytes.ts";
import { crc32 } from "../src/image/crc32.ts";
import { hstack, imageGrid } from "../src/image/grid.ts";
import { type Image, isGray, toChannels } from "../src/image/image.ts";
import { decodePng, encodePng, pngChunk } from "../src/image/png.ts";
import { cropSquare, resize } from "../src/image/resize.ts";
import { Rng } from "../src/random.ts";

// 7x10 PNGs written by other encoders. "py:" files were made with Python's zlib and
// struct, their rows using filter types 0-4 in turn (row y uses y % 5); "libpng:"
// files by netpbm's pnmtopng (libpng).
const FIXTURES = {
  gray:
    "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAKCAAAAABdpxvRAAAASUlEQVR42mNgUPXKn7LzHmO0DhgwRSdlFpTXtTJvOxcUGhnzgCXaEQjqHBmO84fPf65fzqjkDwZwdbMSktOz8gpZolNSUspTWgE4VBvIlKl0eAAAAABJRU5ErkJggg==",
  grayAlpha:
    "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAKCAQAAADSxYyGAAAAeElEQVR42mNgMFWN8qrPXzLl5M5394QZoyfoIAGm6OikpMzMgoLy8rq61lbmbRfP+QUFhYZGRsbceZDAEh3tCAHldUCC4fgffpfwnvlXnsvop5SvYVQK90cC6EbN2pKQkJycnp6VlZdXWAg0KiUpJSWloBxItLYCADPdOHDayxtoAAAAAElFTkSuQmCC",
  rgb:
    "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAKCAIAAAD3rtNaAAAApUlEQVR42mNgMM1Sjer3qt+Sv+TmlJP/dr5TvifswRg94agOBmCKjo5OSkrKzMwsKCgoLy+vq6trbW1l3nYx+5yfX1BQUGhoaGTkzZg7MQ8SEliAah2hoMCx3LEOzGI4/seQ36UyvOfg/Cucz2UC9VNmlq95yKgU3uOPAXDYNmvL+YSEhOTk5PT09KysrLy8vMLCjyDbUpKSUlKOpQDVpgABUG0KACN6VfGdYIyGAAAAAElFTkSuQmCC",
  rgba:
    "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAKCAYAAAB4zEQNAAAAwklEQVR42mNgMM2arxrVf8SrfsvL/CU3+aac/Ge8851yxD1hj1rG6AlHf+ngAEzRQJAEBJlAUAAE5UBQBwStQMC87WJ22zk/P78gIAgNDb0aGXkzMuZOTMyDhIQEFpBORwjIdHQscHQsd3Ssg/BbGY7/MUzjd6lcF95z8Nv8K5x2z2UC2/RTZp4rX/NQjFEJKOqPA+B30Kwt5zOBdickA0E6EGQBQR4QFBZ+LAQ7KAWoMyXlWGZKQUFKeQoIgHSmpAAAAiByy4NWZc4AAAAASUVORK5CYII=",
  palette8:
    "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAKCAMAAABPErQ/AAAAElBMVEX/AAAAgAAAAP/6yAoJCQl4PPDeM3MFAAAAA3RSTlMAgP/s97MYAAAAN0lEQVR42iWMwQ0AMQzCgkn3H7hR75qGh4WQRYRwrktJWwKqLnw+uufsxHOcCnU2jGlTbWbNww/wjg5EwHLcPAAAAABJRU5ErkJggg==",
  palette2:
    "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAKAgMAAAAFoqyeAAAAElBMVEX/AAAAgAAAAP/6yAoJCQl4PPDeM3MFAAAAJklEQVR42mNgYGCU/svEzsGswcNynIFBWoJR6R+TuATzkycs0n8BR9YGmYemvd4AAAAASUVORK5CYII=",
  gray4:
    "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAKBAAAAACYV/bQAAAAMElEQVR42mNgVHZNYBRSUpJiEhQUFGBWlpISYQGxGMIqZm1gTFdSEoVI+EpJCYElAJyUBjCZs/bhAAAAAElFTkSuQmCC",
  libPalette4:
    "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAKBAMAAACK4lk+AAAAD1BMVEUAAP8AgAAJCQn/AAD6yAqcFF+FAAAAIklEQVQImWMwEWJ2YBBidlRgAGIDBkcFEwEGBRMhBgZcEgCEEgU9tFF/zgAAAABJRU5ErkJggg==",
  libRgbPaeth:
    "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAKCAIAAAD3rtNaAAAAi0lEQVQImWXBIQ6CMQwGUESvgvtdg5mrm6ur+VLT1AxVNze3q+FwOC6DgJAQ3qPT5Xr+QwCOH+vYBwFgZubBxZM/CECLNtrXarsRAPkombJERIQA9B599Opvq+9OACJUVVVLpy5V1TsBMDOzUWVmZvf12EYAPGK4u7vPudzdnwQgIzJvWTUzM9fe+QJX20LIB5KVqwAAAABJRU5ErkJggg==",
  libInterlaced:
    "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAKCAMAAAE4FYSpAAAAxlBMVEXuI1ix5hvD+C0RRnvvJFk1ap8ANWp9sufeE0iz6B1sodbfFEklWo83bKFbkMVtotd/tOnyJ1y16h/H/DFKf7QnXJGSx/y26yBLgLVvpNmBtutMgbZek8hwpdqCt+wpXpOUyf5flMkGO3Bxptu57iPTCD0rYJVPhLmXzAGFuu+p3hPVCj/nHFH5LmNjmM0cUYaHvPHoHVILQHXpHlMvZJn7MGV3rOHYDUKt4hf8MWa/9CnA9SqLwPUPRHkzaJ1XjMGf1AkiV4xkXN2QAAAAX0lEQVQImQXBhwKBUABA0RuKKKKsyMiKIqNFvUf//1POQSNnw4Kuh9OBIROfabx6UJfLN8Z8z+s0okgUdqJAbV3o3/Xe07zRnJ0/VznAFt9flGS0D2srPLrIIN02xtUfavEJSYnXvK8AAAAASUVORK5CYII=",
  libGray16:
    "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAKEAAAAAANN8eSAAAAFklEQVQImWNkYGB+wQKHTAyMyHCguAAiiQXaClk9cQAAAABJRU5ErkJggg==",
};
const PALETTE = [[255, 0, 0], [0, 128, 0], [0, 0, 255], [250, 200, 10], [9, 9, 9], [120, 60, 240]];

function fixture(name: keyof typeof FIXTURES): Uint8Array {
  return Uint8Array.from(atob(FIXTURES[name]), (c) => c.charCodeAt(0));
}

/** The 7x10 image the fixtures hold: `pixel(x, y)` gives each pixel's channels. */
function expected(channels: Image["channels"], pixel: (x: number, y: number) => number[]): Image {
  const pixels = Array.from({ length: 10 }, (_, y) => Array.from({ length: 7 }, (_, x) => pixel(x, y)));
  return { width: 7, height: 10, channels, pixels: Uint8Array.from(pixels.flat(2)) };
}

/** The pattern of the py: gray/RGB(A) fixtures and libRgbPaeth. */
function pattern(channels: number) {
  return (x: number, y: number) =>
    Array.from({ length: channels }, (_, c) => (x * 37 + y * 91 + c * 53 + x * y * 7) % 256);
}

Deno.test("crc32 matches the standard check value", () => {
  assertEquals(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
});

Deno.test("PNG round trip keeps every pixel for 1 to 4 channels", () => {
  const rng = Rng.seeded(1);
  for (const channels of [1, 2, 3, 4] as const) {
    const image = {
      width: 13,
      height: 5,
      channels,
      pixels: Uint8Array.from({ length: 13 * 5 * channels }, () => rng.int(256)),
    };
    assertEquals(decodePng(encodePng(image)), image);
  }
});

Deno.test("decodes other encoders' gray, gray+alpha, RGB and RGBA PNGs with all five filters", () => {
  for (const [name, channels] of [["gray", 1], ["grayAlpha", 2], ["rgb", 3], ["rgba", 4]] as const) {
    assertEquals(decodePng(fixture(name)), expected(channels, pattern(channels)), name);
  }
  assertEquals(decodePng(fixture("libRgbPaeth")), expected(3, pattern(3)));
});

Deno.test("decodes palette PNGs (with and without tRNS) and low bit depths", () => {
  const alpha = [0, 128, 255];
  assertEquals(
    decodePng(fixture("palette8")),
    expected(4, (x, y) => {
      const i = (x + 2 * y) % 6;
      return [...PALETTE[i], alpha[i] ?? 255];
    }),
  );
  assertEquals(decodePng(fixture("palette2")), expected(3, (x, y) => PALETTE[(x * y) % 4]));
  assertEquals(decodePng(fixture("libPalette4")), expected(3, (x, y) => PALETTE[(x * 3 + y) % 5]));
  assertEquals(decodePng(fixture("gray4")), expected(1, (x, y) => [((x + y) % 16) * 17]));
});

Deno.test("rejects interlaced, 16-bit and corrupt PNGs with a clear error; a colour key becomes alpha", () => {
  assertThrows(() => decodePng(fixture("libInterlaced")), /interlaced PNGs are not supported/);
  assertThrows(() => decodePng(fixture("libGray16")), /16-bit PNGs are not supported/);
  const corrupt = fixture("gray");
  corrupt[40] ^= 1;
  assertThrows(() => decodePng(corrupt), /corrupt/);
  assertThrows(() => decodePng(new Uint8Array(20)), /not a PNG/);
  // Chunks made by hand: a colour key on a gray image, and an IHDR cut short.
  const gray = encodePng({ width: 2, height: 1, channels: 1, pixels: Uint8Array.of(0, 9) });
  // The key's pixels come out transparent, as alpha: the image gains an alpha channel.
  const withKey = decodePng(afterHeader(gray, "tRNS", Uint8Array.of(0, 9)));
  assertEquals(withKey, { width: 2, height: 1, channels: 2, pixels: Uint8Array.of(0, 255, 9, 0) });
  // Bits above the depth are ignored (0x0109 is 9 at 8 bits); a key no pixel has leaves the image as it was.
  assertEquals(decodePng(afterHeader(gray, "tRNS", Uint8Array.of(1, 9))), withKey);
  assertEquals(decodePng(afterHeader(gray, "tRNS", Uint8Array.of(0, 7))), decodePng(gray));
  // At 4 bits the key is a 4-bit level too: 3 is the scaled-up 51.
  const gray4 = fixture("gray4");
  const keyed4 = decodePng(afterHeader(gray4, "tRNS", Uint8Array.of(0, 3)));
  assertEquals(keyed4.channels, 2);
  decodePng(gray4).pixels.forEach((v, p) =>
    assertEquals(keyed4.pixels.subarray(2 * p, 2 * p + 2), Uint8Array.of(v, v === 51 ? 0 : 255))
  );
  const shortHeader = concatBytes([
    gray.subarray(0, 8),
    pngChunk("IHDR", gray.subarray(16, 28)),
    gray.subarray(HEADER_END),
  ]);
  assertThrows(() => decodePng(shortHeader), /IHDR chunk is 12 bytes, not 13/);
});

Deno.test("decodePng refuses a file that inflates past its size (a zip bomb), or that is larger than asked", () => {
  /** A gray PNG whose header says `side` x `side` and whose image data inflates to `bytes` zeros. */
  const grayPng = (side: number, bytes: number) => {
    const header = new Uint8Array(13);
    new DataView(header.buffer).setUint32(0, side);
    new DataView(header.buffer).setUint32(4, side);
    header[8] = 8; // bits per sample; colour type 0, gray
    return concatBytes([
      encodePng({ width: 1, height: 1, channels: 1, pixels: Uint8Array.of(0) }).subarray(0, 8), // the signature
      pngChunk("IHDR", header),
      pngChunk("IDAT", zlibSync(new Uint8Array(bytes), { level: 9 })),
      pngChunk("IEND", new Uint8Array(0)),
    ]);
  };
  assertEquals(decodePng(grayPng(8, 8 * 9)).pixels, new Uint8Array(64)); // each row: a filter byte, 8 pixels
  // 16 MB from 16 KB: refused, though the first 72 bytes are a whole 8x8 image.
  const bomb = grayPng(8, 16 << 20);
  assert(bomb.length < 20_000, `${bomb.length}`);
  assertThrows(() => decodePng(bomb), /inflates past the 72 bytes its header makes room for/);
  assertThrows(() => decodePng(grayPng(9, 9 * 10), 64), /9x9 pixels, more than the 64 taken/);
});

/** Where IHDR ends: the signature, then its length, type, 13 bytes of data and CRC. */
const HEADER_END = 8 + 8 + 13 + 4;

/** `png` with a chunk put in right after its IHDR. */
const afterHeader = (png: Uint8Array, type: string, data: Uint8Array) =>
  concatBytes([png.subarray(0, HEADER_END), pngChunk(type, data), png.subarray(HEADER_END)]);

Deno.test("imageGrid tiles images in rows with padding, maps [-1, 1] to 0..255", () => {
  // three 2x2 gray images, values -1, 0 and 1, in a 2-column grid with 1 pixel of padding
  const images = Float32Array.from([-1, -1, -1, -1, 0, 0, 0, 0, 1, 1, 1, 1]);
  const grid = imageGrid(images, 3, 2, 2, 1, 2, 1);
  assertEquals([grid.width, grid.height, grid.channels], [7, 7, 1]);
  const rows = Array.from({ length: 7 }, (_, y) => Array.from(grid.pixels.subarray(y * 7, y * 7 + 7)));
  const first = [0, 0, 0, 0, 128, 128, 0], second = [0, 255, 255, 0, 0, 0, 0];
  assertEquals(rows, [
    [0, 0, 0, 0, 0, 0, 0],
    first,
    first,
    Array(7).fill(0),
    second,
    second,
    Array(7).fill(0),
  ]);
});

Deno.test("imageGrid defaults to a square layout and keeps RGB channels in order", () => {
  const images = new Float32Array(5 * 3 * 4 * 3).fill(-1);
  images.set([1, 0, -1], (4 * 12 + 11) * 3); // the last pixel of the fifth image
  const grid = imageGrid(images, 5, 3, 4, 3);
  assertEquals([grid.width, grid.height], [3 * 6 + 2, 2 * 5 + 2]); // 3 columns, 2 rows
  const at = ((2 + 5 + 2) * grid.width + (2 + 6 + 3)) * 3; // grid row 1, column 1; pixel (3, 2)
  assertEquals(Array.from(grid.pixels.subarray(at, at + 3)), [255, 128, 0]);
});

Deno.test("hstack puts images side by side, top-aligned", () => {
  const a: Image = { width: 1, height: 1, channels: 1, pixels: Uint8Array.of(7) };
  const b: Image = { width: 2, height: 2, channels: 1, pixels: Uint8Array.of(1, 2, 3, 4) };
  assertEquals(hstack([a, b]), { width: 3, height: 2, channels: 1, pixels: Uint8Array.of(7, 1, 2, 0, 3, 4) });
  assertThrows(() => hstack([a, toChannels(b, 3)]), /channels/);
});

Deno.test("resize is bilinear when enlarging and averages when shrinking", () => {
  const enlarged = resize([0, 100, 0, 100], 2, 2, 1, 4, 1);
  assertEquals(Array.from(enlarged), [0, 25, 75, 100]);
  const checkers = Uint8Array.from({ length: 64 }, (_, i) => ((i + (i >> 3)) % 2) * 255);
  for (const v of resize(checkers, 8, 8, 1, 2, 2)) {
    assert(Math.abs(v - 127.5) < 20, `${v} is not near the mean`);
  }
  const rgb = resize([10, 20, 30], 1, 1, 3, 3, 2);
  assertEquals(Array.from(rgb), [10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30]);
});

Deno.test("cropSquare keeps the centred square", () => {
  const wide = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8); // 4x2
  assertEquals(cropSquare(wide, 4, 2, 1), Uint8Array.of(2, 3, 6, 7));
});

Deno.test("toChannels converts gray/RGB, compositing alpha over black; isGray spots colour", () => {
  const rgba: Image = {
    width: 2,
    height: 1,
    channels: 4,
    pixels: Uint8Array.of(200, 100, 50, 255, 200, 100, 50, 0),
  };
  assertEquals(toChannels(rgba, 3).pixels, Uint8Array.of(200, 100, 50, 0, 0, 0));
  assertEquals(
    toChannels(rgba, 1).pixels,
    Uint8Array.of(Math.round(0.299 * 200 + 0.587 * 100 + 0.114 * 50), 0),
  );
  const grayAlpha: Image = { width: 1, height: 1, channels: 2, pixels: Uint8Array.of(100, 51) };
  assertEquals(toChannels(grayAlpha, 3).pixels, Uint8Array.of(20, 20, 20));
  assert(isGray(toChannels(grayAlpha, 3)));
  assert(!isGray(rgba));
});
