// Crash safety: SIGKILL at random moments, 20 times, then resume; nothing
// lost or doubled (scripts/crash.ts runs the long version).
import { assert } from "./assert.ts";
import { crashRun } from "../scripts/crash.ts";
import { withTempDir } from "./temp_dir.ts";

Deno.test("a run killed 20 times and resumed ends as a straight run does", async () => {
  await withTempDir(async (dir) => {
    const report = await crashRun(dir, 20, 5000);
    assert(report.kills >= 20 && report.resumes >= 19, JSON.stringify(report));
  });
});
