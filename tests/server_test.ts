// The HTTP API over real HTTP on loopback: sampling (same seed, same bytes),
// every validation error, model ids that try to leave the model folders,
// body limits, the bearer token, and training jobs from start to stop.
import { cp } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { assert, assertEquals } from "./assert.ts";
import { initBackend, kernelFault, kernelRuntime } from "../src/backend/select.ts";
import { loadCheckpoint } from "../src/checkpoint/checkpoint.ts";
import { decodeSafetensors } from "../src/checkpoint/safetensors.ts";
import { decodePng, encodePng } from "../src/image/png.ts";
import { forwardGenerator } from "../src/sampling/forward.ts";
import { generate } from "../src/sampling/generator.ts";
import { seedLatents } from "../src/sampling/latents.ts";
import { createApp } from "../routes/app.ts";
import { healthRoute } from "../routes/health.ts";
import { REPORT, startServer, TINY, TOKEN, writeTinyModels } from "./serve_fixtures.ts";

await initBackend({ threads: 1, log: false });
const root = await Deno.makeTempDir({ prefix: "edgegan-server-test-" });
await writeTinyModels(root);
const server = startServer(root);
const RUN = "run-2025-01-02t03-04-05";
const AUTH = { authorization: `Bearer ${TOKEN}` };

// The server lives across the tests (and keeps connections alive), so the
// per-test leak checks do not apply; the last test closes it.
function serverTest(name: string, fn: () => Promise<void>) {
  Deno.test({ name, fn, sanitizeOps: false, sanitizeResources: false });
}

async function get(path: string, init?: RequestInit): Promise<Response> {
  return await fetch(server.url + path, init);
}

async function json(
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await get(path, init);
  return { status: response.status, body: await response.json() };
}

async function png(path: string): Promise<Uint8Array> {
  const response = await get(path);
  assertEquals(response.status, 200, path);
  assertEquals(response.headers.get("content-type"), "image/png");
  return new Uint8Array(await response.arrayBuffer());
}

/** Asserts the status and that `{error}` mentions `words`. */
async function expectError(path: string, status: number, words: string, init?: RequestInit) {
  const { status: got, body } = await json(path, init);
  assertEquals(got, status, `${path}: ${JSON.stringify(body)}`);
  assert(
    typeof body.error === "string" && body.error.includes(words),
    `${path}: ${body.error} lacks "${words}"`,
  );
}

/** The status line and body of a GET sent as written, past fetch's URL normalisation. */
async function rawGet(path: string): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: Number(new URL(server.url).port) });
  await conn.write(new TextEncoder().encode(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
  const reply = await new Response(conn.readable).text();
  return `${reply.slice(0, reply.indexOf("\r\n"))} ${reply.slice(reply.indexOf("\r\n\r\n") + 4)}`;
}

const post = (body: BodyInit, headers: HeadersInit = {}): RequestInit => ({ method: "POST", body, headers });

/** A black PNG of width x width with 1 or 3 channels, for the image routes' bad inputs. */
const blankPng = (width: number, channels: 1 | 3) =>
  encodePng({ width, height: width, channels, pixels: new Uint8Array(width * width * channels) }) as BodyInit;

serverTest("GET /healthz", async () => {
  assertEquals((await json("/healthz")).body, { ok: true, backend: "wasm" });
});

serverTest("GET /healthz answers 503 once the kernels have stalled", async () => {
  const fault = "kernel gemm_run: 1 worker thread(s) did not finish in 60 s";
  const answer = await healthRoute({ kernelFault: () => fault }).request("/healthz");
  assertEquals(answer.status, 503);
  assertEquals(await answer.json(), { ok: false, backend: "wasm", error: fault });
  assertEquals(server.ctx.kernelFault, kernelFault); // the server's route asks the backend's kernels
});

serverTest("GET /api/models lists shipped models and runs, with configs and evaluation reports", async () => {
  const { body } = await json("/api/models");
  const models = body.models as Record<string, unknown>[];
  // The classifier checkpoint in models/ is no model to sample or translate with, and not listed.
  assertEquals(models.map((m) => m.id), [
    "tiny-cyclegan",
    "tiny-dcgan",
    "tiny-info",
    "tiny-mlp",
    "tiny-pix2pix",
    "tiny-ssgan",
    RUN,
  ]);
  const [cyclegan, dcgan, info, mlp, , , run] = models;
  assertEquals([cyclegan.origin, dcgan.origin, run.origin], ["shipped", "shipped", "run"]);
  assertEquals(dcgan.config, TINY["tiny-dcgan"].model);
  assertEquals([dcgan.kind, mlp.kind, run.kind], ["image", "image", "points"]);
  assertEquals([dcgan.classes, mlp.classes], [[], ["a", "b", "c"]]);
  assertEquals(info.codes, {
    categorical: [{ values: 3, name: "categorical code 0" }],
    continuous: [0, 1].map((k) => ({ prior: [-1, 1], name: `continuous code ${k}` })),
  });
  assertEquals([dcgan.evaluation, run.evaluation], [undefined, REPORT]);
  assertEquals((await json("/api/models/tiny-mlp")).body, mlp);
});

serverTest("samples: a PNG grid; the same seed gives the same bytes, another seed others", async () => {
  const first = await png("/api/models/tiny-dcgan/samples?n=16&seed=5");
  assertEquals(first, await png("/api/models/tiny-dcgan/samples?n=16&seed=5"));
  assert(first.join() !== (await png("/api/models/tiny-dcgan/samples?n=16&seed=6")).join());
  const grid = decodePng(first);
  assertEquals([grid.width, grid.height, grid.channels], [4 * 30 + 2, 4 * 30 + 2, 1]); // 28 px + 2 px padding
});

serverTest("samples as JSON are the generator's values for the seed's latents", async () => {
  const { body } = await json("/api/models/tiny-dcgan/samples?n=3&seed=9&format=json");
  const { config, weights } = await loadCheckpoint(join(root, "models", "tiny-dcgan"));
  const model = (config as { model: typeof TINY["tiny-dcgan"]["model"] }).model;
  const G = forwardGenerator(model, weights, await kernelRuntime());
  const expected = generate(G, model, seedLatents(9, 3, model.latent));
  assertEquals(body.shape, [28, 28, 1]);
  assertEquals((body.samples as number[][]).flat(), Array.from(expected));
  const one = await json("/api/models/tiny-dcgan/samples?n=1&seed=9&format=json");
  assertEquals((one.body.samples as number[][])[0], (body.samples as number[][])[0]);
});

serverTest("labels and truncation change the samples, deterministically", async () => {
  const values = async (query: string) =>
    ((await json(`/api/models/tiny-mlp/samples?n=2&seed=1&format=json&${query}`)).body.samples as number[][])
      .flat();
  assert((await values("label=1")).join() !== (await values("label=2")).join());
  assertEquals(await values("label=1&truncation=0.5"), await values("label=1&truncation=0.5"));
  assert((await values("label=1&truncation=0.5")).join() !== (await values("label=1")).join());
  const points = await json(`/api/models/${RUN}/samples?n=4&format=json`);
  assertEquals((points.body.samples as number[][]).map((s) => s.length), [2, 2, 2, 2]);
});

serverTest("interpolate: a strip from the first seed's sample to the last's", async () => {
  const strip = decodePng(await png("/api/models/tiny-dcgan/interpolate?from=3&to=4&steps=5"));
  assertEquals([strip.width, strip.height], [5 * 30 + 2, 32]);
  const sample = async (seed: number) =>
    ((await json(`/api/models/tiny-mlp/samples?n=1&seed=${seed}&label=0&format=json`)).body
      .samples as number[][])[0];
  for (const space of ["linear", "slerp"]) {
    const { body } = await json(
      `/api/models/tiny-mlp/interpolate?from=3&to=4&steps=4&space=${space}&label=0&format=json`,
    );
    const samples = body.samples as number[][];
    assertEquals(samples.length, 4);
    assertEquals([samples[0], samples[3]], [await sample(3), await sample(4)]);
  }
});

serverTest("arithmetic: the term means and their signed sum, as a strip or JSON", async () => {
  const terms = [{ seeds: [1, 2, 3], sign: 1 }, { seeds: [4, 5], sign: -1 }, { seeds: [6], sign: 1 }];
  const body = JSON.stringify({ terms });
  const response = await get("/api/models/tiny-dcgan/arithmetic", post(body));
  assertEquals(response.headers.get("content-type"), "image/png");
  assertEquals(decodePng(new Uint8Array(await response.arrayBuffer())).width, 4 * 30 + 2);
  const { body: result } = await json("/api/models/tiny-dcgan/arithmetic?format=json", post(body));
  const means = (result.terms as { mean: number[] }[]).map((t) => t.mean);
  const sum = means[0].map((_, i) => means[0][i] - means[1][i] + means[2][i]);
  (result.result as number[]).forEach((v, i) => assert(Math.abs(v - sum[i]) < 1e-5));
  assertEquals((result.samples as number[][]).length, 4);
});

serverTest("every bad sampling parameter is a 400 that names it", async () => {
  const cases: [string, string][] = [
    ["samples?n=0", "n must be an integer between 1 and 256"],
    ["samples?n=257", "n must be an integer between 1 and 256"],
    ["samples?n=2.5", "n must be an integer"],
    ["samples?n=", "n must be an integer"],
    ["samples?seed=-1", "seed must be an integer between 0 and 4294967295"],
    ["samples?seed=4294967296", "seed must be"],
    ["samples?seed=abc", "seed must be"],
    ["samples?truncation=0", "truncation must be a number ≥ 0.1"],
    ["samples?truncation=x", "truncation must be a number"],
    ["samples?format=gif", "format must be one of png, json"],
    ["samples?label=-1", "label must be an integer ≥ 0"],
    ["samples?label=3", "label must be below 3"],
    ["samples?colour=red", "unknown parameter colour"],
    ["samples?sed=1", "did you mean seed?"],
    ["samples?seed=1&seed=2", "parameter seed is given more than once"],
    ["interpolate?steps=1", "steps must be an integer between 2 and 64"],
    ["interpolate?steps=65", "steps must be an integer between 2 and 64"],
    ["interpolate?space=cubic", "space must be one of linear, slerp"],
    ["interpolate?from=x", "from must be an integer"],
    ["interpolate?n=4", "unknown parameter n"],
  ];
  for (const [query, words] of cases) await expectError(`/api/models/tiny-mlp/${query}`, 400, words);
  await expectError("/api/models/tiny-dcgan/samples?label=0", 400, "is unconditional");
  await expectError(`/api/models/${RUN}/samples`, 400, "makes points, not images: ask for format=json");
});

serverTest(
  "InfoGAN codes: category and continuous choose the codes; a grid shows the categories in turn",
  async () => {
    const values = async (
      route: string,
      query: string,
      init?: RequestInit,
    ) => ((await json(`/api/models/tiny-info/${route}?format=json&${query}`, init)).body
      .samples as number[][]);
    const grid = await values("samples", "n=3&seed=2");
    assertEquals(
      await values("samples", "n=3&seed=2&continuous=0,0"),
      grid,
      "the continuous codes default to 0",
    );
    for (const category of [0, 1, 2]) {
      const chosen = await values("samples", `n=3&seed=2&category=${category}`);
      assertEquals(chosen[category], grid[category], "sample i of a grid has category i % 3");
      assert(
        chosen[(category + 1) % 3].join() !== grid[(category + 1) % 3].join(),
        "the category changes samples",
      );
    }
    const moved = await values("samples", "n=1&seed=2&continuous=1.5,-0.5");
    assertEquals(await values("samples", "n=1&seed=2&continuous=15e-1,-5E-1"), moved); // numbers as --lr takes them
    assert(moved[0].join() !== grid[0].join(), "a continuous code changes the sample");
    // Interpolation and arithmetic draw every sample with the codes asked for.
    const strip = await values("interpolate", "from=2&to=3&steps=3&category=2&continuous=1.5,-0.5");
    assertEquals(strip[0], (await values("samples", "n=1&seed=2&category=2&continuous=1.5,-0.5"))[0]);
    const body = JSON.stringify({ terms: [{ seeds: [2], sign: 1 }] });
    const sum = await values("arithmetic", "category=2&continuous=1.5,-0.5", post(body));
    assertEquals(sum[0], strip[0]);
  },
);

serverTest("InfoGAN codes: a bad category or continuous value is a 400 that names it", async () => {
  const cases: [string, string][] = [
    ["category=3", 'category: code 0 of model "tiny-info" takes values 0 to 2, got 3'],
    ["category=1,2", 'category takes 1 value: model "tiny-info" has 1 categorical code, got 2'],
    ["category=-1", "category must be whole numbers separated by commas"],
    ["category=a", "category must be whole numbers separated by commas"],
    ["continuous=1", 'continuous takes 2 values: model "tiny-info" has 2 continuous codes, got 1'],
    ["continuous=1,x", "continuous must be numbers separated by commas"],
    ["continuous=1,,2", "continuous must be numbers separated by commas"],
    ["continuous=1e999,0", "continuous must be finite numbers"],
  ];
  for (const [query, words] of cases) await expectError(`/api/models/tiny-info/samples?${query}`, 400, words);
  await expectError("/api/models/tiny-dcgan/samples?category=0", 400, "has no categorical codes");
  await expectError("/api/models/tiny-dcgan/interpolate?continuous=0", 400, "has no continuous codes");
});

serverTest("classify: a semi-supervised model's class probabilities for a PNG or JSON images", async () => {
  const pixels = Array.from({ length: 64 }, (_, i) => (i * 37) % 256);
  const asJson = await json(
    "/api/models/tiny-ssgan/classify",
    post(JSON.stringify({ images: [pixels.map((v) => v / 255), new Array(64).fill(0)] })),
  );
  assertEquals(asJson.status, 200);
  assertEquals(asJson.body.classes, ["x", "y", "z"]);
  const probabilities = asJson.body.probabilities as number[][];
  assertEquals(probabilities.length, 2);
  for (const row of probabilities) {
    assert(Math.abs(row.reduce((a, b) => a + b) - 1) < 1e-5, `${row} sums to 1`);
  }
  const png = encodePng({ width: 8, height: 8, channels: 1, pixels: Uint8Array.from(pixels) });
  const asPng = await json(
    "/api/models/tiny-ssgan/classify",
    post(png as Uint8Array<ArrayBuffer>, { "content-type": "Image/PNG" }), // media types ignore case
  );
  assertEquals(asPng.status, 200);
  (asPng.body.probabilities as number[][])[0].forEach((p, k) =>
    assert(Math.abs(p - probabilities[0][k]) < 1e-5)
  );
});

serverTest("a slow upload holds no sampling slot: the body is read before the request queues", async () => {
  // In process, so that the test knows when the app first asks for the body (the stream's pull): a request
  // with a content-length passes the body limit unread.
  const body = new TextEncoder().encode(JSON.stringify({ images: [new Array(64).fill(0.5)] }));
  let send!: ReadableStreamDefaultController<Uint8Array>, asked!: () => void;
  const reading = new Promise<void>((resolve) => asked = resolve);
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (send = c), pull: () => asked() }, {
    highWaterMark: 0,
  });
  const answer = createApp(server.ctx).fetch(
    new Request(`${server.url}/api/models/tiny-ssgan/classify`, {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json", "content-length": String(body.length) },
    }),
  );
  await reading;
  assertEquals(server.ctx.admission.running, 0);
  send.enqueue(body);
  send.close();
  const response = await answer;
  assertEquals([response.status, (await response.json()).probabilities.length], [200, 1]);
});

serverTest("a sampling path reads no body sent with a method it does not take", async () => {
  let pulled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull: (c) => {
      pulled = true;
      c.enqueue(new Uint8Array(1024));
      c.close();
    },
  }, { highWaterMark: 0 });
  const response = await createApp(server.ctx).fetch(
    new Request(`${server.url}/api/models/tiny-mlp/samples`, { method: "PUT", body: stream }),
  );
  await response.body?.cancel();
  assertEquals([response.status, pulled], [404, false]);
});

serverTest("classify: a bad image, a wrong size or too many images is a 4xx naming the problem", async () => {
  const classify = "/api/models/tiny-ssgan/classify";
  const pngCases: [BodyInit, string][] = [
    [blankPng(7, 1), "the image must be 8x8 pixels, got 7x7"],
    [blankPng(8, 3), "the image must be grayscale (1 channel), got 3 channels"],
    ["not a png", "the body is not a PNG image"],
  ];
  for (const [body, words] of pngCases) {
    await expectError(classify, 400, words, post(body, { "content-type": "image/png" }));
  }
  const zeros = new Array(64).fill(0);
  const jsonCases: [unknown, string][] = [
    [{ images: [new Array(63).fill(0)] }, "images[0] must hold 64 pixels, got 63"],
    [{ images: [] }, "images must be a list of 1 to 256 images"],
    [{ images: new Array(257).fill(zeros) }, "images must be a list of 1 to 256 images"],
    [{ images: [[...zeros.slice(1), 2]] }, "images[0][63] must be a number from 0 to 1"],
    [{ pictures: [zeros] }, 'unknown field "pictures"'],
  ];
  for (const [body, words] of jsonCases) await expectError(classify, 400, words, post(JSON.stringify(body)));
  await expectError("/api/models/tiny-dcgan/classify", 400, "is a generator only", post("{}"));
  await expectError(`${classify}?sed=1`, 400, "unknown parameter sed", post("{}"));
  await expectError(classify, 413, "over the limit of 4194304 bytes", post(" ".repeat(4 * 1024 * 1024 + 1)));
});

serverTest("translate: a pix2pix model's output for a PNG (as a PNG) or JSON images (as JSON)", async () => {
  const { status, body: view } = await json("/api/models/tiny-pix2pix");
  assertEquals(status, 200);
  assertEquals(
    [view.kind, view.translates, view.input, view.output, (view.links as { translate: string }).translate],
    [
      "translation",
      { from: "sketch", to: "photo" },
      [8, 8, 1],
      [8, 8, 3],
      "/api/models/tiny-pix2pix/translate",
    ],
  );
  const pixels = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 256);
  const asJson = await json(
    "/api/models/tiny-pix2pix/translate",
    post(JSON.stringify({ images: [Array.from(pixels, (v) => v / 255), new Array(64).fill(0)] })),
  );
  assertEquals(asJson.status, 200, JSON.stringify(asJson.body));
  const images = asJson.body.images as number[][];
  assertEquals([asJson.body.shape, images.length, images[0].length], [[8, 8, 3], 2, 192]);
  assert(images.flat().every((v) => v >= 0 && v <= 1), "pixels in [0, 1]");
  assert(
    images.flat().some((v) => Math.abs(v * 255 - Math.round(v * 255)) > 1e-3),
    "JSON keeps G's precision",
  );
  assert(images[0].some((v, i) => v !== images[1][i]), "different inputs, different outputs");
  const response = await get(
    "/api/models/tiny-pix2pix/translate",
    post(encodePng({ width: 8, height: 8, channels: 1, pixels }) as BodyInit, {
      "content-type": "image/png",
    }),
  );
  assertEquals([response.status, response.headers.get("content-type")], [200, "image/png"]);
  const out = decodePng(new Uint8Array(await response.arrayBuffer()));
  assertEquals([out.width, out.height, out.channels], [8, 8, 3]);
  // The PNG's translation is the JSON's first, to the byte.
  out.pixels.forEach((v, i) => assertEquals(v, Math.round(images[0][i] * 255)));
});

serverTest("translate: a CycleGAN model goes both ways; only it goes backward", async () => {
  const { body: view } = await json("/api/models/tiny-cyclegan");
  assertEquals([view.translates, view.directions], [{ from: "horse", to: "zebra" }, ["forward", "backward"]]);
  const body = JSON.stringify({ images: [Array.from({ length: 64 }, (_, i) => (i % 9) / 8)] });
  const [forward, backward] = await Promise.all(
    ["forward", "backward"].map((way) =>
      json(`/api/models/tiny-cyclegan/translate?direction=${way}`, post(body))
    ),
  );
  assertEquals([forward.status, backward.status], [200, 200]);
  const [f, b] = [forward.body.images, backward.body.images] as number[][][];
  assert(f[0].some((v, i) => v !== b[0][i]), "G and F differ");
  await expectError(
    "/api/models/tiny-pix2pix/translate?direction=backward",
    400,
    "direction backward needs a cyclegan model",
    post(body),
  );
  await expectError(
    "/api/models/tiny-cyclegan/translate?direction=sideways",
    400,
    "direction must be one of forward, backward",
    post(body),
  );
});

serverTest(
  "translate: a wrong size, channel count or PNG, a bad body or the wrong model is a 4xx",
  async () => {
    const translate = "/api/models/tiny-pix2pix/translate";
    const pngCases: [BodyInit, string][] = [
      [blankPng(16, 1), "the image must be 8x8 pixels, got 16x16"],
      [blankPng(8, 3), "the image must be grayscale (1 channel), got 3 channels"],
      ["not a png", "the body is not a PNG image"],
    ];
    for (const [body, words] of pngCases) {
      await expectError(translate, 400, words, post(body, { "content-type": "image/png" }));
    }
    await expectError(
      translate,
      400,
      "images[1] must hold 64 pixels, got 192",
      post(JSON.stringify({ images: [new Array(64).fill(0), new Array(192).fill(0)] })),
    );
    await expectError(
      translate,
      400,
      "images must be a list of 1 to 256 images",
      post(JSON.stringify({ images: [] })),
    );
    await expectError(
      translate,
      413,
      "over the limit of 4194304 bytes",
      post(" ".repeat(4 * 1024 * 1024 + 1)),
    );
    await expectError(
      "/api/models/tiny-dcgan/translate",
      400,
      "is a GAN: translate takes a translation model",
      post("{}"),
    );
    await expectError(
      "/api/models/tiny-pix2pix/samples",
      400,
      "translates images (sketch to photo): POST /api/models/tiny-pix2pix/translate",
    );
    await expectError("/api/models/no-such/translate", 404, "unknown model", post("{}"));
  },
);

serverTest("arithmetic bodies: malformed, out of range or too large", async () => {
  const arithmetic = "/api/models/tiny-mlp/arithmetic";
  const cases: [string, string][] = [
    ["not json", "the body must be JSON"],
    ["[1, 2]", "the body must be a JSON object"],
    ['{"terms": [], "x": 1}', 'unknown field "x"'],
    ['{"terms": []}', "terms must be a list of 1 to 8 terms"],
    [JSON.stringify({ terms: Array(9).fill({ seeds: [1], sign: 1 }) }), "1 to 8 terms"],
    ['{"terms": [3]}', "terms[0] must be a JSON object"],
    ['{"terms": [{"seeds": [], "sign": 1}]}', "terms[0].seeds must be a list of 1 to 64 seeds"],
    [
      '{"terms": [{"seeds": [1, -2], "sign": 1}]}',
      "terms[0].seeds[1] must be an integer from 0 to 4294967295",
    ],
    ['{"terms": [{"seeds": [1.5], "sign": 1}]}', "terms[0].seeds[0] must be an integer"],
    ['{"terms": [{"seeds": [1], "sign": 2}]}', "terms[0].sign must be 1 or -1"],
    ['{"terms": [{"seeds": [1], "sign": 1, "weight": 3}]}', 'unknown field "weight" in terms[0]'],
  ];
  for (const [body, words] of cases) await expectError(arithmetic, 400, words, post(body));
  await expectError(arithmetic, 413, "over the limit of 65536 bytes", post(" ".repeat(65 * 1024)));
  // No Content-Length: the limit counts the bytes as they stream in.
  const stream = new Blob([" ".repeat(70 * 1024)]).stream();
  await expectError(arithmetic, 413, "over the limit", { method: "POST", body: stream });
});

serverTest("model ids: unknown is a 404, anything outside [a-z0-9._-] a 400, never a file", async () => {
  await expectError("/api/models/nope/samples", 404, 'unknown model "nope"');
  await expectError("/api/models/Tiny-MLP/samples", 400, "model id must be");
  await expectError("/api/models/..%2F..%2Fetc%2Fpasswd/samples", 400, "model id must be");
  await expectError("/api/models/..%2Fmodels%2Ftiny-mlp/weights", 400, "model id must be");
  await expectError("/api/models/%2e%2e%5cetc/samples", 400, "model id must be");
  // fetch normalises dot segments, a raw request does not.
  const raw: [string, string][] = [
    ["/api/models/../samples", 'HTTP/1.1 404 Not Found {"error":"unknown model \\"..\\"'],
    ["/api/models/%2e%2e/weights", 'HTTP/1.1 404 Not Found {"error":"unknown model \\"..\\"'],
    ["/api/models/..%2f..%2fetc/weights", 'HTTP/1.1 400 Bad Request {"error":"model id must be'],
    ["/../../etc/passwd", 'HTTP/1.1 404 Not Found {"error":"no route'],
  ];
  for (const [path, start] of raw) {
    const reply = await rawGet(path);
    assert(reply.startsWith(start), `${path}: ${reply}`);
  }
  // A checkpoint's save leftover (tmp-N, old-N) is no model, whole as it may be.
  const leftover = join(root, "models", "tiny-mlp.tmp-1");
  await cp(join(root, "models", "tiny-mlp"), leftover, { recursive: true });
  try {
    await expectError("/api/models/tiny-mlp.tmp-1/samples", 404, "unknown model");
    const { body } = await json("/api/models");
    assert(
      !(body.models as { id: string }[]).some((m) => m.id.includes("tmp")),
      "the leftover is not listed",
    );
  } finally {
    await Deno.remove(leftover, { recursive: true });
  }
  await expectError(`/api/models/${"a".repeat(101)}`, 400, "model id must be 1 to 100");
});

serverTest(
  "weights: the generator's tensors as safetensors, as the checkpoint holds them; a 304 for its tag",
  async () => {
    const response = await get("/api/models/tiny-mlp/weights");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const { tensors } = decodeSafetensors(bytes);
    const { weights } = await loadCheckpoint(join(root, "models", "tiny-mlp"));
    assertEquals(Object.keys(tensors).sort(), Object.keys(weights).filter((n) => n.startsWith("G/")).sort());
    for (const [name, { data }] of Object.entries(tensors)) assertEquals(data, weights[name].data);
    // The browser asks again with the checkpoint's tag: nothing to send unless the checkpoint changed.
    const tag = response.headers.get("etag")!;
    assert(tag?.startsWith('"tiny-mlp-'), `etag ${tag}`);
    const again = await get("/api/models/tiny-mlp/weights", { headers: { "if-none-match": tag } });
    assertEquals([again.status, await again.text()], [304, ""]);
    const stale = await get("/api/models/tiny-mlp/weights", { headers: { "if-none-match": '"tiny-mlp-1"' } });
    assertEquals(new Uint8Array(await stale.arrayBuffer()), bytes);
    // A new checkpoint (its config.json newer) has a new tag: the browser's is stale then.
    const config = join(root, "models", "tiny-mlp", "config.json");
    const { mtime } = await Deno.stat(config);
    await Deno.utime(config, new Date(), new Date(mtime!.getTime() + 60_000));
    const renewed = await get("/api/models/tiny-mlp/weights", { headers: { "if-none-match": tag } });
    assertEquals(renewed.status, 200);
    assert(renewed.headers.get("etag") !== tag, "a new tag");
    await renewed.arrayBuffer();
  },
);

serverTest("GET /api/openapi.json describes every route and its limits", async () => {
  const { body } = await json("/api/openapi.json");
  assertEquals(body.openapi, "3.1.0");
  const paths = body.paths as Record<
    string,
    Record<string, { parameters?: { name: string; schema: unknown }[] }>
  >;
  // Every API route the app serves, by method.
  const routes = createApp(server.ctx).routes.filter(({ method, path }) =>
    method !== "ALL" && (path.startsWith("/api") || path === "/healthz" || path === "/metrics")
  );
  assert(routes.length >= 10, `${routes.length} routes`);
  for (const { method, path } of routes) {
    const documented = path.replace(/:([a-z]+)/g, "{$1}");
    assert(paths[documented]?.[method.toLowerCase()], `${method} ${path} is not in the document`);
  }
  const parameters = paths["/api/models/{id}/samples"].get.parameters!;
  assertEquals(parameters.map((p) => p.name), [
    "id",
    "n",
    "seed",
    "columns",
    "label",
    "truncation",
    "format",
    "category",
    "continuous",
  ]);
  assertEquals(parameters.find((p) => p.name === "n")!.schema, {
    type: "integer",
    minimum: 1,
    maximum: 256,
    default: 16,
  });
  type JsonSchema = { additionalProperties: boolean; properties: Record<string, { enum?: string[] }> };
  const jobBody =
    (paths["/api/jobs"].post as { requestBody: { content: Record<string, { schema: JsonSchema }> } })
      .requestBody.content["application/json"].schema;
  assertEquals(jobBody.additionalProperties, false);
  assertEquals(jobBody.properties.loss.enum, ["nonsaturating", "minimax", "lsgan", "hinge", "wgan-gp"]);
  // The routes that queue for a sampling slot say they may answer 503.
  type Responses = { responses: Record<string, unknown> };
  for (
    const [path, method] of [["samples", "get"], ["interpolate", "get"], ["arithmetic", "post"], [
      "classify",
      "post",
    ], ["translate", "post"]]
  ) {
    const operation = paths[`/api/models/{id}/${path}`][method] as unknown as Responses;
    assert(operation.responses[503], `${path} documents its 503`);
  }
  // The routes behind the token say they may answer 400 (a malformed Authorization header) and 401.
  const guarded = Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).filter(([, op]) => (op as { security?: unknown }).security).map((
      [method, op],
    ) => [`${method} ${path}`, op as unknown as Responses] as const)
  );
  assertEquals(guarded.length, 5);
  for (const [name, { responses }] of guarded) {
    assert(responses[400] && responses[401], `${name}: 400 and 401`);
  }
});

serverTest(
  "GET /metrics: requests by route and status, latency, the queue, jobs, tensors and memory",
  async () => {
    await get(`/api/models/tiny-mlp/samples?n=2&format=json`).then((r) => r.arrayBuffer());
    for (const method of ["X0", "X1"]) await get("/healthz", { method }).then((r) => r.arrayBuffer());
    const response = await get("/metrics");
    assertEquals(response.status, 200);
    const text = await response.text();
    for (
      const line of [
        'edgegan_http_requests_total{method="GET",route="/api/models/:id/samples",status="200"}',
        'edgegan_http_requests_total{method="other",route="/*",status="404"} 2', // one series for made-up methods
        'edgegan_http_request_duration_seconds_bucket{le="+Inf"}',
        "edgegan_sampling_queue_depth 0",
        "edgegan_sampling_rejected_total 0",
        "# TYPE edgegan_jobs gauge", // by state: no lines until a job runs
        "edgegan_tfjs_tensors ",
        "process_resident_memory_bytes ",
      ]
    ) assert(text.includes(line), `${line} in\n${text}`);
  },
);

serverTest("job routes need the token; sampling does not", async () => {
  await expectError("/api/jobs", 401, "needs the server's token");
  await expectError("/api/jobs", 401, "wrong token", { headers: { authorization: "Bearer not-the-token" } });
  await expectError("/api/jobs", 400, "Bearer <token>", { headers: { authorization: "Basic abc" } });
  await expectError("/api/jobs", 401, "needs the server's token", post("{}"));
  await expectError("/api/jobs/x/events", 401, "needs the server's token");
  assertEquals((await json("/api/jobs", { headers: AUTH })).status, 200);
  await expectError("/api/jobs/job-nope", 404, "unknown job", { headers: AUTH });
  await expectError("/nowhere", 404, "no route GET /nowhere");
});

serverTest("job options are the CLI's, checked by the same schema, in a body's words", async () => {
  const cases: [string, string][] = [
    ['{"epochs": 0}', "epochs must be an integer ≥ 1, got 0"],
    ['{"epochs": "5"}', 'epochs must be an integer ≥ 1, got "5"'],
    ['{"loss": "magic"}', "loss must be one of"],
    ['{"model": "dcgan", "data": "ring8"}', "model dcgan needs images; ring8 is not: use model mlp"],
    ['{"gp-weight": 5}', "gp-weight applies to loss wgan-gp only"],
    ['{"out": "/tmp/x"}', "unknown field out"],
    ['{"resume": "runs/x"}', "unknown field resume"],
    ['{"epochs": [1]}', "epochs must be an integer ≥ 1, got [1]"],
    ['{"conditional": true}', "conditional must be one of none, concat, acgan, projection, got true"],
    ['{"conditional": "concat", "data": "ring8"}', "conditional needs labelled data; ring8 has no classes"],
    ["[]", "the body must be a JSON object"],
  ];
  for (const [body, words] of cases) await expectError("/api/jobs", 400, words, post(body, AUTH));
});

serverTest(
  "a job's data is a built-in dataset or a path inside the data folder, links resolved",
  async () => {
    const data = join(root, "data");
    await Deno.mkdir(join(data, "tables"), { recursive: true });
    await Deno.writeTextFile(join(root, "outside.csv"), "x,y\n1,2\n");
    await Deno.symlink(join(root, "outside.csv"), join(data, "tables", "link.csv"));
    const cases: [string, string][] = [
      ["/etc/passwd", '"/etc/passwd" is absolute'],
      ["../outside.csv", '"../outside.csv" leads outside it'],
      ["tables/link.csv", '"tables/link.csv" leads outside it'],
      ["tables/none.csv", 'there is no "tables/none.csv" in it'],
      ["cifar10", 'there is no "cifar10" in it'],
    ];
    for (const [path, why] of cases) {
      await expectError(
        "/api/jobs",
        400,
        `data must be one of mnist, `,
        post(JSON.stringify({ data: path }), AUTH),
      );
      await expectError("/api/jobs", 400, why, post(JSON.stringify({ data: path }), AUTH));
    }
  },
);

/** Reads a job's server-sent events until the stream ends, calling `onEvent` for each. */
async function readEvents(path: string, onEvent: (type: string, data: Record<string, unknown>) => void) {
  const response = await get(path, { headers: AUTH });
  assertEquals(response.headers.get("content-type"), "text/event-stream");
  let buffer = "";
  for await (const text of response.body!.pipeThrough(new TextDecoderStream())) {
    const blocks = (buffer + text).split("\n\n");
    buffer = blocks.pop()!;
    for (const block of blocks) {
      const type = /^event: (.*)$/m.exec(block)![1];
      onEvent(type, JSON.parse(/^data: (.*)$/m.exec(block)![1]));
    }
  }
}

const startJob = async (options: Record<string, unknown>) => {
  const { status, body } = await json("/api/jobs", post(JSON.stringify({ threads: 1, ...options }), AUTH));
  assertEquals(status, 201, JSON.stringify(body));
  return body as { id: string; events: string; status: string };
};

serverTest("a job trains in its own process and streams progress, losses and a grid per epoch", async () => {
  const job = await startJob({ data: "ring8", epochs: 1, batch: 2048 });
  const events: [string, Record<string, unknown>][] = [];
  await readEvents(job.events, (type, data) => events.push([type, data]));
  const types = events.map(([type]) => type);
  assertEquals([types[0], types.at(-1)], ["status", "status"]);
  const metrics = events.filter(([type]) => type === "metrics").map(([, data]) => data);
  assert(metrics.length >= 4 && metrics.every((m) => Number.isFinite(m.lossD) && Number.isFinite(m.lossG)));
  const sample = events.find(([type]) => type === "sample")![1];
  assertEquals(sample.epoch, 1);
  assert((sample.png as string).startsWith("data:image/png;base64,"));
  const done = events.at(-1)![1];
  assertEquals([done.status, done.model], ["finished", `run-${job.id}`]);
  assertEquals((await json(`/api/jobs/${job.id}`, { headers: AUTH })).body.status, "finished");
  const { body } = await json(`/api/models/run-${job.id}/samples?n=2&format=json`);
  assertEquals((body.samples as number[][]).length, 2);
  // A late subscriber gets the whole history, then the end.
  const replay: string[] = [];
  await readEvents(job.events, (type) => replay.push(type));
  assertEquals(replay.filter((t) => t === "metrics").length, metrics.length);
});

serverTest(
  "deno task serve: a missing --models folder or a short EDGEGAN_TOKEN exits 2 with one line",
  async () => {
    const cli = fileURLToPath(new URL("../src/cli/serve.ts", import.meta.url));
    const missing = join(root, "no-such-folder");
    const cases: [string[], Record<string, string>, string][] = [
      [["--models", missing], {}, `deno task serve: --models ${missing} is not a folder`],
      [
        ["--models", join(root, "models")],
        { EDGEGAN_TOKEN: "short" },
        "deno task serve: EDGEGAN_TOKEN must be",
      ],
    ];
    for (const [args, env, message] of cases) {
      const { code, stderr } = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", cli, ...args, "--port", "0"],
        env,
      }).output();
      const text = new TextDecoder().decode(stderr);
      assertEquals(code, 2, text);
      assert(text.startsWith(message) && text.trim().split("\n").length === 1, text);
    }
  },
);

serverTest("a job that fails says why", async () => {
  await Deno.mkdir(join(root, "data"), { recursive: true });
  await Deno.writeTextFile(join(root, "data", "bad.csv"), "x,y\n1,abc\n");
  const job = await startJob({ data: "bad.csv" });
  const statuses: Record<string, unknown>[] = [];
  await readEvents(job.events, (type, data) => type === "status" && statuses.push(data));
  const failed = statuses.at(-1)!;
  assertEquals([failed.status, failed.model], ["failed", null]);
  assert(
    (failed.error as string).includes('bad.csv: line 2, column 2 "y": "abc" is not a number'),
    failed.error as string,
  );
});

serverTest("DELETE stops a job and keeps its last checkpoint; one job at a time", async () => {
  const job = await startJob({ data: "ring8", epochs: 100, batch: 256, "checkpoint-every": 5 });
  await expectError("/api/jobs", 409, `job ${job.id} is already running`, post('{"data": "ring8"}', AUTH));
  const statuses: string[] = [];
  let stopping: Promise<unknown> | undefined;
  await readEvents(job.events, (type, data) => {
    if (type === "status") statuses.push(data.status as string);
    if (type === "metrics" && (data.iteration as number) >= 20) {
      stopping ??= json(`/api/jobs/${job.id}`, { method: "DELETE", headers: AUTH });
    }
  });
  const stopped = await stopping as { status: number; body: Record<string, unknown> };
  assertEquals([stopped.status, stopped.body.status], [200, "stopped"]);
  assertEquals(statuses, ["running", "stopped"]);
  const { state } = await loadCheckpoint(join(root, "runs", job.id, "checkpoint"));
  assert(state.iterations >= 5 && state.iterations % 5 === 0, `checkpoint at iteration ${state.iterations}`);
  await expectError(`/api/jobs/${job.id}`, 409, "is not running", { method: "DELETE", headers: AUTH });
});

Deno.test({
  name: "(closing the test server)",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    await server.close();
    await Deno.remove(root, { recursive: true });
  },
});
