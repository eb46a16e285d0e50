/**
 * deno task compile: `dist/edgegan`, one executable that trains and serves.
 * What the program reads at run time through import.meta.url goes inside:
 * the shipped models, our kernels' wasm and the thread pool's worker, tfjs's
 * gradients bundle (made here if missing) and the demo site (built here,
 * since the executable has no esbuild).
 */
import { fileURLToPath } from "node:url";
import { CACHE as GRADIENTS, registerGradients } from "../src/backend/gradients.ts";
import { buildSite } from "../src/serve/site_build.ts";

const OUTPUT = "dist/edgegan";
const INCLUDE = [
  "models",
  "wasm/gemm.wasm",
  "wasm/inplace.wasm",
  "src/kernels/pool_worker.ts",
  fileURLToPath(GRADIENTS),
  "dist/site",
];

/** npm packages of the tests and tools, not of the program: workerd alone is 155 MB. */
const TOOLS = ["@cloudflare/workerd-linux-64", "playwright-core"];

/** TOOLS' links and folders in node_modules, which `deno compile` would otherwise take in whole. */
async function toolPaths(): Promise<string[]> {
  const stored = await Array.fromAsync(Deno.readDir("node_modules/.deno"), ({ name }) => name);
  return TOOLS.flatMap((tool) => [
    `node_modules/${tool}`,
    ...stored.filter((name) => name.startsWith(`${tool.replace("/", "+")}@`)).map((name) =>
      `node_modules/.deno/${name}`
    ),
  ]);
}

await registerGradients();
await buildSite("dist/site");
const { code } = await new Deno.Command(Deno.execPath(), {
  args: [
    "compile",
    "-A",
    ...INCLUDE.flatMap((path) => ["--include", path]),
    ...(await toolPaths()).flatMap((path) => ["--exclude", path]),
    "--output",
    OUTPUT,
    "src/cli/main.ts",
  ],
}).spawn().status;
if (code !== 0) Deno.exit(code);
console.error(`built ${OUTPUT}`);
