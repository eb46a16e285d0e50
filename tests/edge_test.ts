// The edge bundle on Deno and on workerd, on loopback: the server's model
// routes answer, and the same seed gives the main server's picture; and the
// data module that carries its weights.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { buildEdge } from "../src/edge/build.ts";
import { dataModule, moduleData } from "../src/edge/data_module.ts";
import { decodeTensors } from "../src/checkpoint/tensors.ts";
import { decodePng } from "../src/image/png.ts";
import type { Image } from "../src/image/image.ts";
import { type EdgeHost, startDenoHost, startWorkerdHost } from "../scripts/edge_hosts.ts";
import { startServer, writeTinyModels } from "./serve_fixtures.ts";
import { runCli } from "./cli.ts";
import { withTempDir } from "./temp_dir.ts";

await initBackend({ threads: 1, log: false });

const WORKERD_CONFIG = fileURLToPath(new URL("../edge/workerd.capnp", import.meta.url));
const MODEL = "tiny-dcgan", INFO_MODEL = "tiny-info";
const SAMPLES = `/api/models/${MODEL}/samples?n=64&seed=7`;
const INTERPOLATE = `/api/models/${MODEL}/interpolate?from=1&to=2&steps=8`;

/**
 * The bundle in root/dist/edge and workerd's config in root/edge, as in the
 * repository, so the config's relative `embed` finds the bundle.
 */
async function buildTestBundle(root: string): Promise<{ bundle: string; config: string }> {
  await writeTinyModels(root);
  const models = [MODEL, INFO_MODEL].map((id) => ({ dir: join(root, "models", id), id }));
  const bundle = await buildEdge(models, join(root, "dist", "edge"));
  await Deno.mkdir(join(root, "edge"));
  const config = join(root, "edge", "workerd.capnp");
  await Deno.copyFile(WORKERD_CONFIG, config);
  return { bundle, config };
}

async function png(url: string): Promise<Image> {
  const response = await fetch(url);
  assertEquals(response.status, 200, url);
  assertEquals(response.headers.get("content-type"), "image/png");
  return decodePng(new Uint8Array(await response.arrayBuffer()));
}

/**
 * The edge and the server both run our WASM GEMM kernels (the edge on one
 * thread, without tfjs) on the same float16 weights: the same seed
 * gives the same pixels.
 */
function assertSame(actual: Image, expected: Image, what: string): void {
  assertEquals([actual.width, actual.height, actual.channels], [
    expected.width,
    expected.height,
    expected.channels,
  ]);
  const off = actual.pixels.findIndex((p, i) => p !== expected.pixels[i]);
  assert(off < 0, `${what}: pixel ${off} is ${actual.pixels[off] - expected.pixels[off]} gray levels off`);
}

async function checkHost(host: EdgeHost, server: string, name: string): Promise<void> {
  const models = await (await fetch(`${host.url}/api/models`)).json();
  assertEquals(models.models.map((m: { id: string }) => m.id).sort(), [MODEL, INFO_MODEL]);
  for (const path of [SAMPLES, INTERPOLATE, `/api/models/${INFO_MODEL}/samples?n=16&seed=3&category=1`]) {
    assertSame(await png(host.url + path), await png(server + path), `${name} ${path}`);
  }
  // The server's other model routes, mounted the same way: the arithmetic and the weights.
  const arithmetic = `/api/models/${MODEL}/arithmetic?format=json`;
  const body = JSON.stringify({ terms: [{ seeds: [1, 2], sign: 1 }, { seeds: [3], sign: -1 }] });
  const [edge, main] = await Promise.all(
    [host.url, server].map(async (url) => {
      const response = await fetch(url + arithmetic, { method: "POST", body });
      assertEquals(response.status, 200, url);
      return await response.json();
    }),
  );
  assert(edge.result.length > 0);
  assertEquals(edge.result, main.result);
  const weights = await fetch(`${host.url}/api/models/${MODEL}/weights`);
  assertEquals([weights.status, weights.headers.get("content-type")], [200, "application/octet-stream"]);
  // The generator's tensors, as the browser reads them: the same names and shapes as the server's.
  const shapes = async (response: Response) =>
    Object.entries(decodeTensors(new Uint8Array(await response.arrayBuffer())))
      .map(([name, { shape }]) => `${name} [${shape}]`).sort();
  const fromServer = await fetch(`${server}/api/models/${MODEL}/weights`);
  // Tagged by the same checkpoint as the server's, so a redeploy of new weights is no 304.
  assertEquals(weights.headers.get("etag"), fromServer.headers.get("etag"));
  const served = await shapes(fromServer);
  assert(served.length > 0);
  assertEquals(await shapes(weights), served);
  const bad = await fetch(`${host.url}/api/models/${MODEL}/samples?n=0`);
  assertEquals([bad.status, (await bad.json()).error], [
    400,
    'n must be an integer between 1 and 256, got "0"',
  ]);
}

Deno.test("data module: a valid WebAssembly module whose memory holds the bytes, past a page and a long size", () => {
  for (const length of [0, 5, 65536, 200_000]) {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 2654435761) >>> 24);
    const module = new WebAssembly.Module(dataModule(bytes));
    assertEquals(moduleData(module, length), bytes);
  }
  assertThrows(() => moduleData(new WebAssembly.Module(dataModule(new Uint8Array(3))), 65537));
});

Deno.test({
  name: "edge bundle: Deno and workerd sample as the server does",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const root = await Deno.makeTempDir();
    const server = startServer(root);
    try {
      const { bundle, config } = await buildTestBundle(root);
      for (
        const [name, start] of [["deno", () => startDenoHost(bundle, SAMPLES)], [
          "workerd",
          () => startWorkerdHost(config, SAMPLES),
        ]] as const
      ) {
        const host = await start();
        try {
          await checkHost(host, server.url, name);
        } finally {
          await host.close();
        }
      }
    } finally {
      await server.close();
      await Deno.remove(root, { recursive: true });
    }
  },
});

Deno.test("build:edge names a run's model as the server does (run-<name>), and refuses a name it cannot find", async () => {
  await withTempDir(async (root) => {
    await writeTinyModels(root);
    const BUILD = fileURLToPath(new URL("../scripts/build_edge.ts", import.meta.url));
    const run = join(root, "runs", "2025-01-02T03-04-05", "checkpoint");
    const built = await runCli(BUILD, "--model", run, "--out", join(root, "dist"));
    assertEquals(built.code, 0, built.stderr);
    assert(built.stderr.includes('serving "run-2025-01-02t03-04-05"'), built.stderr);
    const missing = await runCli(BUILD, "--model", "no-such-model", "--out", join(root, "dist"));
    assertEquals(missing.code, 2, missing.stderr);
    assert(missing.stderr.includes('--model: no GAN "no-such-model" in models/'), missing.stderr);
  });
});
