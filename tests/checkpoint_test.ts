// Checkpoint files: the safetensors format (checked byte by byte against the
// spec and by an independent Python reader), float16 conversion, crash-safe
// writes, and checkpoint save/load.
import { join } from "node:path";
import { assert, assertEquals, assertRejects, assertThrows } from "./assert.ts";
import { Rng } from "../src/random.ts";
import {
  decodeSafetensors,
  encodeSafetensors,
  fromF16,
  type SafeTensor,
  toF16,
} from "../src/checkpoint/safetensors.ts";
import { writeFileAtomic } from "../src/checkpoint/atomic.ts";
import {
  type Checkpoint,
  loadCheckpoint,
  loadWeights,
  restoreInterruptedSave,
  saveCheckpoint,
} from "../src/checkpoint/checkpoint.ts";
import { withTempDir } from "./temp_dir.ts";

/** A safetensors file with a hand-written header, to feed the decoder malformed input. */
function fileWith(header: unknown, dataBytes: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

// ---- float16 ----

Deno.test("f16: known values round to nearest, ties to even", () => {
  const cases: [number, number][] = [
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.1, 0x2e66],
    [1 / 3, 0x3555],
    [65504, 0x7bff], // largest finite half
    [65519.99, 0x7bff],
    [65520, 0x7c00], // halfway to the next (absent) step: ties to even, which is infinity
    [1e6, 0x7c00],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [2 ** -14, 0x0400], // smallest normal
    [2 ** -14 - 2 ** -25, 0x0400], // halfway between the largest subnormal and it: to even
    [2 ** -24, 0x0001], // smallest subnormal
    [6e-8, 0x0001],
    [-6e-8, 0x8001],
    [1.5 * 2 ** -24, 0x0002], // tie: to even
    [2.5 * 2 ** -24, 0x0002], // tie: to even
    [0.75 * 2 ** -24, 0x0001],
    [2 ** -25, 0x0000], // tie between 0 and the smallest subnormal: to even
    [1e-8, 0x0000],
    [-1e-8, 0x8000],
    [1 + 2 ** -11, 0x3c00], // tie: to even
    [1 + 3 * 2 ** -11, 0x3c02], // tie: to even
    [1 + 2 ** -11 + 2 ** -20, 0x3c01],
  ];
  const halves = toF16(Float32Array.from(cases, ([x]) => x));
  cases.forEach(([x, want], i) => assertEquals(halves[i], want, `toF16(${x})`));
});

Deno.test("f16: NaN stays NaN", () => {
  const [h] = toF16(Float32Array.of(NaN));
  assert((h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0, `NaN became 0x${h.toString(16)}`);
  const [quiet, negativeSignalling] = fromF16(Uint16Array.of(0x7e00, 0xfc01));
  assert(Number.isNaN(quiet) && Number.isNaN(negativeSignalling));
});

Deno.test("f16: every half decodes to the value its sign, exponent and mantissa give", () => {
  const halves = Uint16Array.from({ length: 65536 }, (_, h) => h);
  const values = fromF16(halves);
  halves.forEach((h) => {
    const sign = h & 0x8000 ? -1 : 1, exponent = (h >>> 10) & 0x1f, mantissa = h & 0x3ff;
    const want = exponent === 0
      ? sign * mantissa * 2 ** -24
      : exponent === 0x1f
      ? (mantissa ? NaN : sign * Infinity)
      : sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
    assert(Object.is(values[h], want), `0x${h.toString(16)}: ${values[h]}, not ${want}`);
  });
});

Deno.test("f16: known halves decode exactly", () => {
  const values = fromF16(Uint16Array.of(0x7bff, 0x0001, 0x03ff, 0x3555, 0x7c00, 0xfc00, 0x8000));
  assertEquals(Array.from(values), [
    65504,
    2 ** -24,
    1023 * 2 ** -24,
    0.333251953125,
    Infinity,
    -Infinity,
    -0,
  ]);
  assert(Object.is(values[6], -0));
});

Deno.test("f16: every half survives a round trip through float32", () => {
  const all = Uint16Array.from({ length: 65536 }, (_, h) => h);
  const back = toF16(fromF16(all));
  for (let h = 0; h < 65536; h++) {
    const isNaN = (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
    if (isNaN) assert((back[h] & 0x7c00) === 0x7c00 && (back[h] & 0x3ff) !== 0, `NaN 0x${h.toString(16)}`);
    else assertEquals(back[h], h, `0x${h.toString(16)}`);
  }
});

// ---- safetensors ----

Deno.test("safetensors: the bytes are exactly those the spec prescribes", () => {
  const bytes = encodeSafetensors({
    w: { dtype: "F32", shape: [2], data: Float32Array.of(1, -2) },
    i: { dtype: "I32", shape: [], data: Int32Array.of(258) },
  }, { k: "v" });
  const json = '{"__metadata__":{"k":"v"},' +
    '"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},' +
    '"i":{"dtype":"I32","shape":[],"data_offsets":[8,12]}}';
  const padded = json + " ".repeat(7 - (json.length + 7) % 8); // to a multiple of 8
  assertEquals(padded.length % 8, 0);
  const length = [padded.length & 0xff, padded.length >> 8, 0, 0, 0, 0, 0, 0]; // u64, little-endian
  const data = [0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0, 0x02, 0x01, 0x00, 0x00]; // 1f, -2f, 258
  assertEquals(bytes, Uint8Array.from([...length, ...new TextEncoder().encode(padded), ...data]));
});

Deno.test("safetensors: every dtype, shape and metadata round-trips", () => {
  const tensors: Record<string, SafeTensor> = {
    "G/dense1/kernel": { dtype: "F32", shape: [2, 3], data: Float32Array.of(1, -2.5, 3e-5, 0, -0, 1e30) },
    "odd/f16": { dtype: "F16", shape: [3], data: Uint16Array.of(0x3c00, 0x8000, 0x7bff) }, // leaves F32 unaligned
    "after/f32": { dtype: "F32", shape: [1, 1], data: Float32Array.of(Math.PI) },
    "scalar/i32": { dtype: "I32", shape: [], data: Int32Array.of(-7) },
    "empty": { dtype: "F32", shape: [0, 4], data: new Float32Array(0) },
  };
  const metadata = { format: "pt", note: "ünïcode ✓" };
  assertEquals(decodeSafetensors(encodeSafetensors(tensors, metadata)), { tensors, metadata });
  assertEquals(decodeSafetensors(encodeSafetensors(tensors)).metadata, {});
});

Deno.test("safetensors: encoding refuses data that does not fit the shape", () => {
  assertThrows(
    () => encodeSafetensors({ bad: { dtype: "F32", shape: [2, 2], data: new Float32Array(3) } }),
    /tensor bad: shape \[2,2\] needs 4 values, got 3/,
  );
});

Deno.test("safetensors: malformed files are rejected with the reason", () => {
  const good = encodeSafetensors({ a: { dtype: "F32", shape: [2], data: Float32Array.of(1, 2) } });
  const f32 = (begin: number, end: number, shape = [1]) => ({
    dtype: "F32",
    shape,
    data_offsets: [begin, end],
  });
  const cases: [Uint8Array, RegExp][] = [
    [new Uint8Array(5), /truncated file \(5 bytes/],
    [good.subarray(0, 20), /truncated file \(header of \d+ bytes, only 12 follow\)/],
    [
      good.subarray(0, good.length - 1),
      /truncated file \(tensor a ends at byte 8 of a 7-byte data section\)/,
    ],
    [
      fileWith({ a: { dtype: "BF16", shape: [1], data_offsets: [0, 2] } }, 2),
      /tensor a: unknown dtype "BF16"/,
    ],
    [fileWith({ a: { shape: [1], data_offsets: [0, 4] } }, 4), /tensor a: unknown dtype undefined/],
    [fileWith({ a: f32(4, 8) }, 8), /tensor a: data_offsets start at 4, expected 0/],
    [fileWith({ a: f32(0, 4), b: f32(2, 6) }, 6), /tensor b: data_offsets start at 2, expected 4/],
    [fileWith({ a: f32(0, 8) }, 8), /tensor a: data_offsets \[0, 8\] do not fit F32 \[1\]/],
    [fileWith({ a: f32(4, 0) }, 4), /tensor a: data_offsets must be \[begin, end\] with begin ≤ end/],
    [fileWith({ a: f32(0, 4) }, 8), /4 bytes after the last tensor/],
    [fileWith({ a: f32(0, 4, [-1]) }, 4), /tensor a: shape must be a list of non-negative integers/],
    [fileWith({ __metadata__: { epoch: 3 } }, 0), /__metadata__ must map strings to strings/],
    [fileWith([1, 2], 0), /header is not a JSON object/],
    [fileWith({}, 0).fill(0x7b, 8), /header is not valid JSON/],
  ];
  for (const [bytes, error] of cases) assertThrows(() => decodeSafetensors(bytes), error);
});

Deno.test("safetensors: an independent reader (Python json + struct) agrees", async () => {
  await withTempDir(async (dir) => {
    const rng = Rng.seeded(1);
    // Floats spread over the whole half range, both signs, plus ties and extremes.
    const floats = Float32Array.from(
      { length: 4000 },
      () => (rng.float() < 0.5 ? -1 : 1) * 2 ** (rng.float() * 42 - 26),
    );
    floats.set([0, -0, 65504, 65519, 2 ** -24, 2 ** -25, 1 + 2 ** -11, 6e-8]);
    const halves = Uint16Array.from({ length: 65536 }, (_, h) => h);
    const path = join(dir, "check.safetensors");
    await Deno.writeFile(
      path,
      encodeSafetensors({
        ints: { dtype: "I32", shape: [2, 2], data: Int32Array.of(1, -2, 2147483647, -2147483648) },
        halves: { dtype: "F16", shape: [256, 256], data: halves },
        halves_as_f32: { dtype: "F32", shape: [65536], data: fromF16(halves) },
        floats: { dtype: "F32", shape: [floats.length], data: floats },
        floats_as_f16: { dtype: "F16", shape: [floats.length], data: toF16(floats) },
      }, { source: "edgegan" }),
    );
    const python = `
import json, math, struct, sys
raw = open(sys.argv[1], "rb").read()
(n,) = struct.unpack("<Q", raw[:8])
assert n % 8 == 0, "header not padded to 8"
text = raw[8:8 + n].decode("utf-8")
assert text.startswith("{") and text == text.rstrip(" ") + " " * (len(text) - len(text.rstrip(" ")))
header = json.loads(text)
assert header.pop("__metadata__") == {"source": "edgegan"}
data = raw[8 + n:]
size, code = {"F32": 4, "F16": 2, "I32": 4}, {"F32": "f", "F16": "e", "I32": "i"}
values, blobs, end = {}, {}, 0
for name, t in header.items():
    begin, stop = t["data_offsets"]
    count = math.prod(t["shape"])
    assert begin == end and stop - begin == count * size[t["dtype"]], name
    blobs[name] = data[begin:stop]
    values[name] = struct.unpack("<%d%s" % (count, code[t["dtype"]]), blobs[name])
    end = stop
assert end == len(data), "bytes after the last tensor"
assert list(header) == ["ints", "halves", "halves_as_f32", "floats", "floats_as_f16"]
assert header["halves"]["shape"] == [256, 256]
assert values["ints"] == (1, -2, 2147483647, -2147483648)
for h, f in zip(values["halves"], values["halves_as_f32"]):
    assert h == f or (math.isnan(h) and math.isnan(f)), (h, f)
for i, x in enumerate(values["floats"]):
    assert struct.pack("<e", x) == blobs["floats_as_f16"][2 * i:2 * i + 2], x
print("ok")
`;
    const { code, stdout, stderr } = await new Deno.Command("python3", { args: ["-c", python, path] })
      .output();
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    assertEquals(code, 0, decode(stderr));
    assertEquals(decode(stdout), "ok\n");
  });
});

// ---- crash-safe writes ----

/**
 * Runs `code` in a separate Deno that may not grow any file past 1 MiB
 * (ulimit -f): there it is either killed (SIGXFSZ), like a crash midway, or
 * its write fails, like a full disk. A fresh DENO_DIR and no code cache keep
 * Deno's own cache files under the limit.
 */
async function runWithFileLimit(code: string, atLimit: "killed" | "error"): Promise<Deno.CommandOutput> {
  const dir = await Deno.makeTempDir({ prefix: "edgegan-limited-" });
  try {
    const script = join(dir, "script.ts");
    await Deno.writeTextFile(script, code);
    const trap = atLimit === "error" ? "trap '' XFSZ; " : "";
    const shell = `${trap}ulimit -f 1024; exec "$0" run --no-config --no-code-cache -A "$1"`;
    return await new Deno.Command("bash", {
      args: ["-c", shell, Deno.execPath(), script],
      env: { DENO_DIR: join(dir, "deno") },
      stdout: "piped",
      stderr: "piped",
    }).output();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const module = (path: string) => new URL(path, import.meta.url).href;

Deno.test("atomic: a write replaces the file and leaves nothing beside it", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "f.json");
    await writeFileAtomic(path, "old");
    await writeFileAtomic(path, Uint8Array.of(110, 101, 119));
    assertEquals(await Deno.readTextFile(path), "new");
    assertEquals(Array.from(Deno.readDirSync(dir), (e) => e.name), ["f.json"]);
  });
});

Deno.test("atomic: a write that fails midway (disk full) keeps the old file and cleans up", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "weights.bin");
    await writeFileAtomic(path, "old");
    const code = `import { writeFileAtomic } from "${module("../src/checkpoint/atomic.ts")}";
      await writeFileAtomic(${JSON.stringify(path)}, new Uint8Array(4 << 20));`;
    const { code: status, stderr } = await runWithFileLimit(code, "error");
    assertEquals(status, 1);
    assert(new TextDecoder().decode(stderr).includes("File too large"), "the write error is reported");
    assertEquals(await Deno.readTextFile(path), "old");
    assertEquals(Array.from(Deno.readDirSync(dir), (e) => e.name), ["weights.bin"]);
  });
});

Deno.test("atomic: a process killed midway through a write leaves the old file", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "weights.bin");
    await writeFileAtomic(path, "old");
    const code = `import { writeFileAtomic } from "${module("../src/checkpoint/atomic.ts")}";
      await writeFileAtomic(${JSON.stringify(path)}, new Uint8Array(4 << 20));`;
    assertEquals((await runWithFileLimit(code, "killed")).signal, "SIGXFSZ");
    assertEquals(await Deno.readTextFile(path), "old");
    const partial = Array.from(Deno.readDirSync(dir), (e) => e.name).filter((name) => name !== "weights.bin");
    assertEquals(partial.length, 1, "the kill came midway through writing the temporary file");
    assertEquals((await Deno.stat(join(dir, partial[0]))).size, 1 << 20);
  });
});

Deno.test("atomic: a failed rename removes the temporary file", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "taken");
    await Deno.mkdir(join(path, "child"), { recursive: true }); // a file cannot replace a directory
    await assertRejects(() => writeFileAtomic(path, "data"));
    assertEquals(Array.from(Deno.readDirSync(dir), (e) => e.name), ["taken"]);
  });
});

// ---- checkpoints ----

function tensor(shape: number[], seed: number) {
  const rng = Rng.seeded(seed);
  return { shape, data: rng.normals(shape.reduce((a, b) => a * b, 1)) };
}

function checkpointAt(iterations: number): Checkpoint {
  const rng = Rng.seeded(7);
  rng.normal(); // leaves a spare normal in the state
  return {
    config: {
      arch: { name: "dcgan", latent: 64 },
      data: { path: "mnist.bin" },
      train: { lr: 2e-4, batch: 64 },
    },
    state: { iterations, epoch: 3, rng: rng.state, bestScore: 12.5 },
    weights: {
      "G/dense1/kernel": tensor([64, 128], iterations),
      "G/dense1/bias": tensor([128], iterations + 1),
      "D/out/bias": tensor([1], iterations + 2),
    },
    optimizer: {
      "G/dense1/kernel/m": tensor([64, 128], iterations + 3),
      "beta1_power": tensor([], iterations + 4),
    },
  };
}

const siblings = (dir: string) => Array.from(Deno.readDirSync(join(dir, "..")), (e) => e.name).sort();

Deno.test("checkpoint: save then load gives back the same checkpoint", async () => {
  await withTempDir(async (parent) => {
    const dir = join(parent, "ckpt");
    const checkpoint = checkpointAt(1200);
    await saveCheckpoint(dir, checkpoint);
    assertEquals(await loadCheckpoint(dir), checkpoint);
    assertEquals(Array.from(Deno.readDirSync(dir), (e) => e.name).sort(), [
      "config.json",
      "model.safetensors",
      "optimizer.safetensors",
    ]);
    const model = decodeSafetensors(await Deno.readFile(join(dir, "model.safetensors")));
    assertEquals(Object.keys(model.tensors), ["G/dense1/kernel", "G/dense1/bias", "D/out/bias"]);
    assertEquals(model.tensors["G/dense1/kernel"].dtype, "F32");
    const config = JSON.parse(await Deno.readTextFile(join(dir, "config.json")));
    assertEquals(config.state.iterations, 1200);
    assertEquals(config.config.arch.name, "dcgan");
  });
});

Deno.test("checkpoint: a load while saves replace the checkpoint gets one whole save, never a mix", async () => {
  await withTempDir(async (parent) => {
    const dir = join(parent, "ckpt");
    await saveCheckpoint(dir, checkpointAt(0));
    let saving = true;
    const saves = (async () => {
      for (let i = 1; i <= 150; i++) await saveCheckpoint(dir, checkpointAt(i));
      saving = false;
    })();
    const seen = new Set<number>();
    while (saving) {
      const [whole, weights] = await Promise.all([loadCheckpoint(dir), loadWeights(dir)]);
      for (const loaded of [whole, weights]) {
        assertEquals(loaded.weights, checkpointAt(loaded.state.iterations).weights);
      }
      assertEquals(whole.optimizer, checkpointAt(whole.state.iterations).optimizer);
      seen.add(whole.state.iterations);
    }
    await saves;
    assert(seen.size >= 2, `the loads saw ${seen.size} save(s): they did not overlap the saving`);
  });
});

Deno.test("checkpoint: one saved before the rename reads its step as iterations", async () => {
  await withTempDir(async (parent) => {
    const dir = join(parent, "ckpt");
    const checkpoint = checkpointAt(1200);
    await saveCheckpoint(dir, checkpoint);
    const file = join(dir, "config.json");
    const saved = JSON.parse(await Deno.readTextFile(file));
    const { iterations, ...state } = saved.state;
    await Deno.writeTextFile(file, JSON.stringify({ ...saved, state: { step: iterations, ...state } }));
    assertEquals(await loadCheckpoint(dir), checkpoint);
  });
});

Deno.test("checkpoint: the restored RNG continues the same stream", async () => {
  await withTempDir(async (parent) => {
    const dir = join(parent, "ckpt");
    const checkpoint = checkpointAt(1);
    await saveCheckpoint(dir, checkpoint);
    const { state } = await loadCheckpoint(dir);
    assertEquals(Rng.restore(state.rng).normals(5), Rng.restore(checkpoint.state.rng).normals(5));
  });
});

Deno.test("checkpoint: fp16 stores weights at half size and loads them as float32", async () => {
  await withTempDir(async (parent) => {
    const full = join(parent, "full"), half = join(parent, "half");
    const checkpoint = checkpointAt(5);
    await saveCheckpoint(full, checkpoint);
    await saveCheckpoint(half, checkpoint, { fp16: true });
    const loaded = await loadCheckpoint(half);
    for (const [name, { shape, data }] of Object.entries(checkpoint.weights)) {
      assertEquals(loaded.weights[name], { shape, data: fromF16(toF16(data)) }, name);
    }
    assertEquals(loaded.optimizer, checkpoint.optimizer); // optimizer state stays float32
    const model = decodeSafetensors(await Deno.readFile(join(half, "model.safetensors")));
    assertEquals(model.tensors["G/dense1/kernel"].dtype, "F16");
    const size = async (dir: string) => (await Deno.stat(join(dir, "model.safetensors"))).size;
    assert((await size(half)) < 0.6 * (await size(full)), "fp16 weights take about half the bytes");
    // A weight past float16's range would load as infinity: refused, naming it. 65504 is the largest half.
    const large = (v: number) => ({
      ...checkpoint,
      weights: { "D/out/bias": { shape: [2], data: Float32Array.of(0, v) } },
    });
    await saveCheckpoint(half, large(65504), { fp16: true });
    assertEquals((await loadCheckpoint(half)).weights["D/out/bias"].data[1], 65504);
    await assertRejects(
      () => saveCheckpoint(half, large(-70000), { fp16: true }),
      /tensor D\/out\/bias: -70000 \(at 1\) is beyond float16's range/,
    );
  });
});

Deno.test("checkpoint: a new save replaces the old one and leaves nothing beside it", async () => {
  await withTempDir(async (parent) => {
    const dir = join(parent, "ckpt");
    await saveCheckpoint(dir, checkpointAt(1));
    await saveCheckpoint(dir, checkpointAt(2));
    assertEquals(await loadCheckpoint(dir), checkpointAt(2));
    assertEquals(siblings(dir), ["ckpt"]);
  });
});

Deno.test("checkpoint: after crashes, the furthest copy moved aside is put back and half-written ones go", async () => {
  await withTempDir(async (parent) => {
    const dir = join(parent, "ckpt");
    await saveCheckpoint(`${dir}.old-11`, checkpointAt(5)); // two saves, each killed between its renames
    await saveCheckpoint(`${dir}.old-12`, checkpointAt(9));
    await Deno.mkdir(`${dir}.tmp-13`); // a save killed while it wrote
    await Deno.writeTextFile(join(`${dir}.tmp-13`, "model.safetensors"), "half");
    await restoreInterruptedSave(dir);
    assertEquals(await loadCheckpoint(dir), checkpointAt(9));
    assertEquals(siblings(dir), ["ckpt"]);
  });
});

Deno.test("checkpoint: a save that throws midway keeps the previous checkpoint", async () => {
  await withTempDir(async (parent) => {
    const dir = join(parent, "ckpt");
    await saveCheckpoint(dir, checkpointAt(1));
    const broken = checkpointAt(2);
    // model.safetensors is written before the optimizer state is read.
    broken.optimizer["exploding"] = {
      shape: [1],
      get data(): Float32Array {
        throw new Error("optimizer state unavailable");
      },
    };
    await assertRejects(() => saveCheckpoint(dir, broken), /optimizer state unavailable/);
    assertEquals(await loadCheckpoint(dir), checkpointAt(1));
    assertEquals(siblings(dir), ["ckpt"]);
  });
});

Deno.test("checkpoint: a process killed midway through a save keeps the previous checkpoint", async () => {
  await withTempDir(async (parent) => {
    const dir = join(parent, "ckpt");
    await saveCheckpoint(dir, checkpointAt(1));
    const code = `import { saveCheckpoint } from "${module("../src/checkpoint/checkpoint.ts")}";
      await saveCheckpoint(${JSON.stringify(dir)}, {
        config: {},
        state: { iterations: 2, epoch: 0, rng: { s: [1, 2, 3, 4], spare: null } },
        weights: { w: { shape: [4], data: new Float32Array(4) } },
        optimizer: { m: { shape: [1 << 20], data: new Float32Array(1 << 20) } },
      });`;
    assertEquals((await runWithFileLimit(code, "killed")).signal, "SIGXFSZ");
    assertEquals(await loadCheckpoint(dir), checkpointAt(1));
    assert(
      siblings(dir).some((name) => name.startsWith("ckpt.tmp-")),
      "the kill came midway through the save",
    );
  });
});

Deno.test("checkpoint: a missing file is named in the error", async () => {
  await withTempDir(async (parent) => {
    const dir = join(parent, "ckpt");
    for (const file of ["model.safetensors", "optimizer.safetensors", "config.json"]) {
      await saveCheckpoint(dir, checkpointAt(1));
      await Deno.remove(join(dir, file));
      await assertRejects(() => loadCheckpoint(dir), new RegExp(`checkpoint .*ckpt is missing ${file}`));
    }
  });
});

Deno.test("checkpoint: a missing directory is reported, with a previous copy if a save left one", async () => {
  await withTempDir(async (parent) => {
    const dir = join(parent, "ckpt");
    await assertRejects(() => loadCheckpoint(dir), /^Error: no checkpoint at \S*ckpt$/);
    await Deno.mkdir(`${dir}.old-42`);
    await assertRejects(
      () => loadCheckpoint(dir),
      (e: Error) => e.message.endsWith(`the previous checkpoint is at ${dir}.old-42)`),
    );
  });
});

Deno.test("checkpoint: a corrupt file is named in the error", async () => {
  await withTempDir(async (parent) => {
    const dir = join(parent, "ckpt");
    await saveCheckpoint(dir, checkpointAt(1));
    const model = join(dir, "model.safetensors");
    await Deno.truncate(model, 100);
    await assertRejects(() => loadCheckpoint(dir), new RegExp(`${model}: safetensors: truncated file`));
    await Deno.writeFile(
      model,
      encodeSafetensors({ step: { dtype: "I32", shape: [], data: Int32Array.of(3) } }),
    );
    await assertRejects(
      () => loadCheckpoint(dir),
      new RegExp(`${model}: tensor step is I32, expected F32 or F16`),
    );
    await Deno.writeTextFile(join(dir, "config.json"), '{"format": "other/9"}');
    await assertRejects(
      () => loadCheckpoint(dir),
      /config\.json: format other\/9, expected edgegan-checkpoint\/1/,
    );
  });
});
