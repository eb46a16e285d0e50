/**
 * Where a job's data may come from: a built-in dataset, or a file or folder
 * inside the server's data folder, symlinks resolved, so that a client
 * cannot have the server read anything else it can reach.
 */
import { realpath } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { BUILT_IN } from "../data/mod.ts";
import { HttpError } from "./http_error.ts";

/** The `data` a job trains on, as the training process should read it. */
export async function confineData(data: string, dataRoot: string): Promise<string> {
  if (BUILT_IN.includes(data)) return data;
  const refuse = (why: string) =>
    new HttpError(400, `data must be one of ${BUILT_IN.join(", ")}, or a path inside ${dataRoot}: ${why}`);
  if (isAbsolute(data)) throw refuse(`"${data}" is absolute`);
  const root = await realpath(dataRoot).catch(() => {
    throw refuse("the server has no data folder");
  });
  const target = await realpath(join(root, data)).catch(() => {
    throw refuse(`there is no "${data}" in it`);
  });
  const outside = (path: string) => {
    const inside = relative(root, path);
    // A folder inside may be named "..cache"; only a first part ".." leads out.
    return inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  };
  if (outside(target)) throw refuse(`"${data}" leads outside it`);
  // The loaders follow links in a folder and its class folders: none may lead out either.
  const linkOut = (await Deno.stat(target)).isDirectory ? await linkLeading(target, 2, outside) : undefined;
  if (linkOut) throw refuse(`"${relative(root, linkOut)}" is a link that leads outside it`);
  return target;
}

/** The first link within `depth` levels of folder `dir` whose target `outside` refuses. */
async function linkLeading(
  dir: string,
  depth: number,
  outside: (path: string) => boolean,
): Promise<string | undefined> {
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isSymlink && !entry.isDirectory) continue; // a plain file leads nowhere: no stat per image
    const path = join(dir, entry.name);
    const target = entry.isSymlink ? await realpath(path).catch(() => undefined) : path;
    if (target === undefined) continue; // a link to nothing: the loader names it
    if (outside(target)) return path;
    const folder = entry.isDirectory || (await Deno.stat(target)).isDirectory;
    const found = depth > 1 && folder ? await linkLeading(target, depth - 1, outside) : undefined;
    if (found) return found;
  }
  return undefined;
}
