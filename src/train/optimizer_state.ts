/**
 * Named Adam optimizers' whole state as a checkpoint holds it: their update
 * counts in its state, their moments in its optimizer file.
 */
import type { Tensors } from "../checkpoint/tensors.ts";
import { assignVariables, readVariables } from "../checkpoint/variables.ts";
import type { Adam } from "./adam.ts";

export type Optimizers = Record<string, Adam>;

export async function saveOptimizers(
  optimizers: Optimizers,
): Promise<{ adamUpdates: Record<string, number>; moments: Tensors }> {
  const adamUpdates = Object.fromEntries(
    Object.entries(optimizers).map(([name, adam]) => [name, adam.updates]),
  );
  return { adamUpdates, moments: await readVariables(allMoments(optimizers)) };
}

export function restoreOptimizers(
  optimizers: Optimizers,
  adamUpdates: Record<string, number>,
  moments: Tensors,
) {
  assignVariables(allMoments(optimizers), moments);
  for (const [name, adam] of Object.entries(optimizers)) adam.updates = adamUpdates[name];
}

/** Every optimizer's moments, by parameter name (no two optimizers share a parameter). */
function allMoments(optimizers: Optimizers) {
  return new Map(Object.values(optimizers).flatMap((adam) => [...adam.moments()]));
}
