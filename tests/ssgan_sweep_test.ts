// The semi-supervised sweep (scripts/ssgan_sweep.ts) as a user runs it: what it refuses.
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { assert, assertEquals } from "./assert.ts";
import { runCli, TRAIN } from "./cli.ts";
import { withTempDir } from "./temp_dir.ts";

const SWEEP = fileURLToPath(new URL("../scripts/ssgan_sweep.ts", import.meta.url));

Deno.test("sweep:ssgan refuses a run of another length than the sweep's; --table-only trains nothing", async () => {
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
    // --table-only trains and evaluates nothing: the unfinished run stays as it was, out of the table.
    const table = await runCli(SWEEP, ...sweep, "--epochs", "3", "--decay-epochs", "1", "--table-only");
    assertEquals(table.code, 0, table.stderr);
    assert((await Deno.readTextFile(join(out, "table.md"))).includes("| 20 | – | – | 1677 ± 452 |"));
    assertEquals(await Deno.stat(join(run, "eval")).catch(() => "none"), "none");
    assertEquals(await Deno.stat(join(out, "supervised-20-seed0")).catch(() => "none"), "none");
  });
});
