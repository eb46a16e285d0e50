// The semi-supervised sweep (scripts/ssgan_sweep.ts) as a user runs it: what it refuses.
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { assert, assertEquals } from "./assert.ts";
import { runCli, TRAIN } from "./cli.ts";
import { withTempDir } from "./temp_dir.ts";

const SWEEP = fileURLToPath(new URL("../scripts/ssgan_sweep.ts", import.meta.url));

Deno.test("sweep:ssgan refuses a run of another length than the sweep's, rather than table it under this one", async () => {
  await withTempDir(async (out) => {
    const run = join(out, "ssgan-20-seed0");
    const trained = await runCli(
      TRAIN,
      ...["--semi-supervised", "--labels", "20", "--batch", "10", "--seed", "0"],
      ...["--epochs", "3", "--decay-epochs", "1", "--iterations", "1", "--out", run],
    );
    assertEquals(trained.code, 0, trained.stderr);
    const sweep = ["--labels", "20", "--seeds", "1", "--parallel", "1", "--out", out];
    const { code, stderr } = await runCli(SWEEP, ...sweep, "--epochs", "2", "--decay-epochs", "1");
    assertEquals(code, 1, stderr);
    assert(
      stderr.includes(`${run} trains 3 epochs, the last 1 decaying, not --epochs 2 --decay-epochs 1`),
      stderr,
    );
    assert(!stderr.includes("    at "), `one line, no stack: ${stderr}`);
  });
});
