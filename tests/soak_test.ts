// A short soak: many sampling requests leave tfjs's tensor count where it was.
import { assert, assertEquals } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { soak, type SoakRow } from "../scripts/soak.ts";
import { startServer, writeTinyModels } from "./serve_fixtures.ts";
import { withTempDir } from "./temp_dir.ts";

await initBackend({ threads: 1, log: false });

Deno.test({
  name: "soak: 1,500 sampling requests, 8 at a time, keep the tensor count flat and fail none",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: () =>
    withTempDir(async (root) => {
      await writeTinyModels(root);
      const server = startServer(root);
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
      } finally {
        await server.close();
      }
    }),
});
