/** The backend a process runs on, as flags, job fields and environment variables choose it. */
import { z } from "zod";

export const BACKENDS = ["wasm", "cpu", "webgpu"] as const;
export type BackendName = typeof BACKENDS[number];

const THREADS = z.int().min(1).max(256);
const BACKEND = z.enum(BACKENDS);

/** The --threads and --backend options that every command takes. */
export const BACKEND_OPTIONS = {
  threads: THREADS.optional().describe("wasm kernel threads; default $EDGEGAN_THREADS, else all cores"),
  backend: BACKEND.optional().describe("tfjs backend; default $EDGEGAN_BACKEND, else wasm"),
};

/** The environment's defaults for them. */
export const BACKEND_ENV = z.object({
  EDGEGAN_THREADS: THREADS.optional(),
  EDGEGAN_BACKEND: BACKEND.optional(),
});
