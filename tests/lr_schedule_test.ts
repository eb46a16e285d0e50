// The learning rate's schedule: constant, then falling linearly to 0 over a
// run's last --decay-epochs, for GAN and image-to-image runs alike.
import { join } from "node:path";
import { assert, assertEquals } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { parseOptions } from "../src/options/options.ts";
import { lrShare } from "../src/train/lr_schedule.ts";
import type { MetricsLine } from "../src/train/metrics.ts";
import { train } from "../src/train/trainer.ts";
import { TRANSLATION_OPTIONS, translationRun } from "../src/train/translation_config.ts";
import { config, flagError, resumed } from "./run_options.ts";
import { withTempDir } from "./temp_dir.ts";

await initBackend({ threads: 2, log: false });

Deno.test("lrShare: the rate holds, then falls linearly to 0 over the last epochs; 0 decay epochs keep it", () => {
  const schedule = { epochs: 4, decayEpochs: 2 };
  const shares = [0, 19, 20, 25, 30, 39].map((done) => lrShare(schedule, 10, done));
  assertEquals(shares.map((s) => +s.toFixed(6)), [1, 1, 1, 0.75, 0.5, 0.05]);
  assertEquals(lrShare({ ...schedule, decayEpochs: 0 }, 10, 39), 1);
});

Deno.test("--decay-epochs: more than --epochs, or a time budget, is refused, for GAN and image-to-image runs", () => {
  const decaying = config("--data", "ring8", "--epochs", "4", "--decay-epochs", "2");
  assertEquals(decaying.decayEpochs, 2);
  assertEquals(config("--data", "ring8").decayEpochs, 0);
  const gan = flagError(() => config("--data", "ring8", "--epochs", "2", "--decay-epochs", "3"));
  assert(gan.includes("--decay-epochs 3 exceeds the 2 --epochs"), gan);
  // The default 9-minute budget would stop the run before its decay.
  for (const args of [["--decay-epochs", "2"], ["--epochs", "4", "--decay-epochs", "2", "--minutes", "5"]]) {
    const budget = flagError(() => config("--data", "ring8", ...args));
    assert(budget.includes("--decay-epochs counts back from the run's last epoch"), budget);
  }
  const shortened = flagError(() => resumed(decaying, "--resume", "runs/x", "--epochs", "1"));
  assert(shortened.includes("--decay-epochs 2 exceeds the 1 --epochs"), shortened);
  const options = { model: "cyclegan", epochs: 2, "decay-epochs": 3 };
  const translation = flagError(() => translationRun(parseOptions(TRANSLATION_OPTIONS, options)));
  assert(translation.includes("--decay-epochs 3 exceeds the 2 --epochs"), translation);
});

Deno.test("--decay-epochs: a GAN run trains as a constant-rate one until its decay starts, then apart", async () => {
  // 100,000 points in batches of 2,000: 50 iterations an epoch, metrics every 10.
  const lossesOf = async (...args: string[]) => {
    let lines: MetricsLine[] = [];
    await withTempDir(async (out) => {
      await train(config("--data", "ring8", "--width", "16", "--batch", "2000", "--epochs", "2", ...args), {
        out,
        log: false,
      });
      const text = await Deno.readTextFile(join(out, "metrics.jsonl"));
      lines = text.trim().split("\n").map((line) => JSON.parse(line));
    });
    return lines.map(({ iteration, lossD, lossG }) => ({ iteration, lossD, lossG }));
  };
  const [constant, decayed] = [await lossesOf(), await lossesOf("--decay-epochs", "1")];
  assertEquals(decayed.length, 10);
  assertEquals(decayed.slice(0, 5), constant.slice(0, 5));
  for (let i = 5; i < 10; i++) {
    assert(decayed[i].lossD !== constant[i].lossD, `iteration ${decayed[i].iteration}: the same loss`);
  }
});
