/**
 * Builds the demo site (site/) into a folder: its TypeScript bundled by
 * esbuild with the src/ modules it imports (models, sampling, kernels), so the
 * browser samples with the server's code; its page and stylesheet; and our single-threaded kernels'
 * module, which the browser's sampling engine fetches at run time.
 */
import * as esbuild from "esbuild";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { removeTree } from "../checkpoint/atomic.ts";

const SITE = fileURLToPath(new URL("../../site/", import.meta.url));
const KERNELS = fileURLToPath(new URL("../../wasm/gemm_single.wasm", import.meta.url));

export async function buildSite(outDir: string): Promise<void> {
  await removeTree(outDir);
  try {
    await esbuild.build({
      entryPoints: [join(SITE, "main.ts"), join(SITE, "style.css")],
      outdir: outDir,
      bundle: true,
      format: "esm",
      target: "es2022",
      minify: true,
      sourcemap: "linked",
      logLevel: "warning",
    });
  } finally {
    await esbuild.stop(); // its service process would keep Deno running
  }
  await Deno.copyFile(join(SITE, "index.html"), join(outDir, "index.html"));
  await Deno.mkdir(join(outDir, "wasm"));
  await Deno.copyFile(KERNELS, join(outDir, "wasm", "gemm_single.wasm"));
}
