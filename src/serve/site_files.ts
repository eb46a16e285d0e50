/** The built site, read into memory: its files are served by exact path, so no request can name another file. */
import { extname, join, relative } from "node:path";

export type SiteFiles = Map<string, { body: Uint8Array; type: string }>;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".wasm": "application/wasm",
};

/** Every file under `dir` by its URL path ("/main.js"). */
export async function readSite(dir: string): Promise<SiteFiles> {
  const files: SiteFiles = new Map();
  const walk = async (folder: string) => {
    for await (const entry of Deno.readDir(folder)) {
      const path = join(folder, entry.name);
      if (entry.isDirectory) await walk(path);
      else {
        const type = TYPES[extname(path)] ?? "application/octet-stream";
        files.set(`/${relative(dir, path)}`, { body: await Deno.readFile(path), type });
      }
    }
  };
  await walk(dir);
  return files;
}
