// `edgegan`: the subcommand dispatcher, and the executable of `deno task
// compile`. Compiling needs denort, Deno's runtime for executables, which
// `deno compile` downloads from dl.deno.land; offline it runs only where
// DENORT_BIN names a copy or Deno's cache has one.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, assertEquals } from "./assert.ts";
import { writeTinyModels } from "./serve_fixtures.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXECUTABLE = join(ROOT, "dist", "edgegan");

async function run(
  program: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await new Deno.Command(program, { args, cwd: ROOT }).output();
  const text = new TextDecoder();
  return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
}

/** Whether `deno compile` can get denort without the network. */
async function denortAvailable(): Promise<boolean> {
  if (Deno.env.has("DENORT_BIN")) return true;
  const { denoDir } = JSON.parse((await run(Deno.execPath(), ["info", "--json"])).stdout);
  const zip = join(denoDir, "dl", "release", `v${Deno.version.deno}`, `denort-${Deno.build.target}.zip`);
  return await Deno.stat(zip).then(() => true, () => false);
}

/** The URL that `edgegan serve --port 0` prints once it listens. */
async function servingUrl(stderr: ReadableStream<Uint8Array>): Promise<string> {
  let seen = "";
  for await (const text of stderr.pipeThrough(new TextDecoderStream())) {
    seen += text;
    const match = seen.match(/serving (http:\/\/[^/\s]+)\//);
    if (match) return match[1];
  }
  throw new Error(`the server exited: ${seen}`);
}

Deno.test("edgegan: --help lists the commands, an unknown one is an error", async () => {
  const help = await run(Deno.execPath(), ["run", "-A", "src/cli/main.ts", "--help"]);
  assertEquals(help.code, 0);
  assert(help.stdout.includes("  train ") && help.stdout.includes("  serve "), help.stdout);
  const unknown = await run(Deno.execPath(), ["run", "-A", "src/cli/main.ts", "fly"]);
  assertEquals(unknown.code, 2);
  assert(unknown.stderr.includes('unknown command "fly"'), unknown.stderr);
});

Deno.test({
  name: "deno task compile: the executable helps, and serves samples on loopback",
  ignore: !(await denortAvailable()),
  sanitizeResources: false,
  fn: async () => {
    const compiled = await run(Deno.execPath(), ["task", "compile"]);
    assertEquals(compiled.code, 0, compiled.stderr);
    const help = await run(EXECUTABLE, ["train", "--help"]);
    assert(help.stdout.includes("--epochs"), help.stdout);
    const root = await Deno.makeTempDir();
    await writeTinyModels(root);
    const server = new Deno.Command(EXECUTABLE, {
      args: ["serve", "--port", "0", "--models", join(root, "models"), "--runs", join(root, "runs")],
      stderr: "piped",
      stdout: "null",
    }).spawn();
    try {
      const url = await servingUrl(server.stderr);
      const response = await fetch(`${url}/api/models/tiny-dcgan/samples?n=4&seed=1`);
      assertEquals(response.status, 200);
      const png = new Uint8Array(await response.arrayBuffer());
      assertEquals([...png.subarray(1, 4)], [80, 78, 71]); // "PNG"
    } finally {
      server.kill();
      await server.status;
      await Deno.remove(root, { recursive: true });
    }
    // Without --models, from another folder, it serves the shipped models it carries; it has its own site.
    const own = new Deno.Command(EXECUTABLE, { args: ["serve", "--port", "0"], cwd: "/", stderr: "piped" })
      .spawn();
    try {
      const url = await servingUrl(own.stderr);
      const { models } = await (await fetch(`${url}/api/models`)).json();
      assert(models.some((m: { id: string }) => m.id === "dcgan-mnist"), JSON.stringify(models));
    } finally {
      own.kill();
      await own.status;
    }
    const site = await run(EXECUTABLE, ["serve", "--site", "dist/site"]);
    assert(site.code !== 0 && site.stderr.includes("--site is the executable's own"), site.stderr);
  },
});
