/** The --threads and --backend flags that every CLI takes, and what they ask of initBackend. */
import { type BackendName, type BackendOptions, BACKENDS } from "../backend/select.ts";
import type { Flag } from "./flags.ts";

export const BACKEND_FLAGS: readonly Flag[] = [
  {
    name: "threads",
    type: "int",
    min: 1,
    max: 256,
    help: "wasm kernel threads; default $EDGEGAN_THREADS, else all cores",
  },
  {
    name: "backend",
    type: "string",
    choices: BACKENDS,
    help: "tfjs backend; default $EDGEGAN_BACKEND, else wasm",
  },
];

export function backendOptions(flags: Record<string, unknown>): BackendOptions {
  return { backend: flags.backend as BackendName | undefined, threads: flags.threads as number | undefined };
}
