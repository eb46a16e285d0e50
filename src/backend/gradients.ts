/**
 * Registers tfjs-core's gradients. Its main entry registers none, and its
 * register_all_gradients module cannot be imported by Deno (extension-less
 * relative imports), so esbuild bundles that module once into .cache/.
 */
import { version_core } from "@tensorflow/tfjs-core";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export const CACHE = new URL(`../../.cache/tfjs-core-${version_core}-gradients.js`, import.meta.url);
let registered: Promise<void> | undefined;

async function bundle(): Promise<void> {
  const esbuild = await import("esbuild");
  const entry = fileURLToPath(
    new URL("register_all_gradients.js", import.meta.resolve("@tensorflow/tfjs-core")),
  );
  try {
    const { outputFiles } = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      logLevel: "error",
    });
    const path = fileURLToPath(CACHE);
    await mkdir(new URL(".", CACHE), { recursive: true });
    await writeFile(`${path}.${Deno.pid}.tmp`, outputFiles[0].text);
    await rename(`${path}.${Deno.pid}.tmp`, path);
  } finally {
    await esbuild.stop();
  }
}

/** Registers every gradient of tfjs-core (once per process). */
export function registerGradients(): Promise<void> {
  registered ??= (async () => {
    if (!(await stat(CACHE).catch(() => null))) await bundle();
    await import(CACHE.href);
  })();
  return registered;
}
