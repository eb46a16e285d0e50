/** The backend a process runs on, as flags, job fields and environment variables choose it. */
import * as z from "zod/mini";
import { int, option } from "../options/options.ts";

const BACKENDS = ["wasm", "cpu", "webgpu"] as const;
export type BackendName = typeof BACKENDS[number];

const THREADS = int(1, 256);
const BACKEND = z.enum(BACKENDS);

/** The --threads and --backend options of the commands that run networks: train, train:classifier, eval, serve. */
export const BACKEND_OPTIONS = {
  threads: option(
    THREADS,
    "threads of our kernels (tfjs's wasm backend and sampling); default $EDGEGAN_THREADS, else all cores",
  ),
  backend: option(BACKEND, "tfjs backend; default $EDGEGAN_BACKEND, else wasm"),
};

/** The environment's defaults for them. */
export const BACKEND_ENV = z.object({
  EDGEGAN_THREADS: z.optional(THREADS),
  EDGEGAN_BACKEND: z.optional(BACKEND),
});
