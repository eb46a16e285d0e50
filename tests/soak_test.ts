// A short soak: many sampling requests leave the kernels' memory and tfjs's tensor count where they were.
import { assert, assertEquals } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { soak, type SoakRow } from "../scripts/soak.ts";
import { startServer, writeTinyModels } from "./serve_fixtures.ts";
import { withTempDir } from "./temp_dir.ts";

await initBackend({ threads: 1, log: false });

Deno.test({
  name:
    "soak: 1,500 sampling requests, 8 at a time, keep the kernels' memory and the tensors flat and fail none",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: () =>
    withTempDir(async (root) => {
      await writeTinyModels(root);
      // 8 at a time fit the 2 running and 8 waiting: only a deadline could refuse one, so make it long.
      const server = startServer(root, new Map(), 60_000);
      try {
        const rows: SoakRow[] = [];
        await soak(server.url, (i) => `/api/models/tiny-dcgan/samples?n=4&seed=${i}`, {
          requests: 1500,
          concurrency: 8,
          every: 300,
        }, (row) => rows.push(row));
        assertEquals(rows.length, 5);
        assert(rows.every((row) => row.errors === 0 && row.refused === 0), JSON.stringify(rows));
        assert(new Set(rows.map((row) => row.tensors)).size === 1, `tensors: ${rows.map((r) => r.tensors)}`);
        // The generator samples on our kernels, not tfjs: their memory is what a leak would grow.
        assert(
          new Set(rows.map((row) => row.kernelMB)).size === 1,
          `kernel MB: ${rows.map((r) => r.kernelMB)}`,
        );
      } finally {
        await server.close();
      }
    }),
});
