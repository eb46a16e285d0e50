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
  const inside = relative(root, target);
  // A folder inside may be named "..cache"; only a first part ".." leads out.
  if (inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw refuse(`"${data}" leads outside it`);
  }
  return target;
}
