/**
 * A job stopped in the middle of a checkpoint save can leave its previous
 * checkpoint moved aside (see replaceDir in src/checkpoint/atomic.ts): put
 * it back, so a stopped job always keeps its last checkpoint.
 */
import { leftoverOf } from "../checkpoint/atomic.ts";

export async function keepLastCheckpoint(dir: string): Promise<void> {
  if (await Deno.stat(dir).then(() => true, () => false)) return;
  const leftover = await leftoverOf(dir);
  if (leftover) await Deno.rename(leftover, dir);
}
