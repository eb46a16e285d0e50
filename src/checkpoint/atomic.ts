/**
 * Crash-safe writes. New data is written beside its target, flushed to disk,
 * and only then renamed into place: rename(2) is atomic, so readers (and a
 * run restarted after a crash) see the old contents or the new, never a mix.
 */
import { basename, dirname, join } from "node:path";

/** Replaces the file at `path` with `contents` atomically. */
export async function writeFileAtomic(path: string, contents: Uint8Array | string): Promise<void> {
  const temp = `${path}.tmp-${Deno.pid}-${crypto.randomUUID()}`;
  try {
    await writeFileSynced(temp, contents);
    await Deno.rename(temp, path);
  } catch (e) {
    await Deno.remove(temp).catch(() => {}); // it may not exist; report the error that stopped the write
    throw e;
  }
  await syncDir(dirname(path));
}

/** Creates `path` (which must not exist) with `contents`, flushed to disk. */
export async function writeFileSynced(path: string, contents: Uint8Array | string): Promise<void> {
  const bytes = typeof contents === "string" ? new TextEncoder().encode(contents) : contents;
  using file = await Deno.open(path, { write: true, createNew: true });
  // write() may write only part of a buffer.
  for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
  await file.sync();
}

/**
 * Moves the complete, synced directory `temp` to `dir`, replacing any
 * directory there. A directory cannot be renamed over a non-empty one, so
 * the old one steps aside first and is deleted once the new one is in place.
 * A crash between those renames leaves no `dir` but both full copies, the old
 * one at `dir.old-<pid>` (see `leftoversOf`).
 */
export async function replaceDir(temp: string, dir: string): Promise<void> {
  const old = `${dir}.old-${Deno.pid}`;
  await removeTree(old);
  const hadOld = await unlessNotFound(Deno.rename(dir, old).then(() => true), false);
  await Deno.rename(temp, dir);
  await syncDir(dirname(dir));
  if (hadOld) await removeTree(old);
}

/**
 * What crashes left beside `dir`: the previous copies that interrupted
 * replaceDirs moved aside (`old`, one per crash), or the new copies that
 * were still being written (`tmp`).
 */
export async function leftoversOf(dir: string, kind: "old" | "tmp" = "old"): Promise<string[]> {
  const prefix = `${basename(dir)}.${kind}-`;
  const entries = await unlessNotFound(Array.fromAsync(Deno.readDir(dirname(dir))), []);
  return entries.filter((entry) => entry.name.startsWith(prefix)).map((entry) =>
    join(dirname(dir), entry.name)
  );
}

/** Deletes a file or directory tree; absent is fine. */
export async function removeTree(path: string): Promise<void> {
  await unlessNotFound(Deno.remove(path, { recursive: true }), undefined);
}

/**
 * Flushes a directory's entries, so a rename in it survives a power cut.
 * Some platforms (Windows) cannot open a directory; there the rename is as
 * durable as the OS makes it, so failure here is not an error.
 */
export async function syncDir(path: string): Promise<void> {
  try {
    using dir = await Deno.open(path, { read: true });
    await dir.sync();
  } catch {
    // best effort, see above
  }
}

/** `op`'s result, or `fallback` if it fails because a path does not exist. */
async function unlessNotFound<T>(op: Promise<T>, fallback: T): Promise<T> {
  try {
    return await op;
  } catch (e) {
    // A path through a file names nothing either.
    if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory) return fallback;
    throw e;
  }
}
