// deno task train as a user runs it: help, flag errors and their exit codes,
// the NaN guard's exit, and --resume.
import { join } from "node:path";
import { assert, assertEquals } from "./assert.ts";
import { loadCheckpoint } from "../src/checkpoint/checkpoint.ts";
import { TRAIN_FLAGS } from "../src/cli/train.ts";
import { withTempDir } from "./temp_dir.ts";
import { runCli, TRAIN } from "./cli.ts";

const TINY = ["--data", "ring8", "--width", "16", "--batch", "32", "--threads", "2"];

const train = (...args: string[]) => runCli(TRAIN, ...args);

Deno.test("train --help lists every flag, with the defaults", async () => {
  const { code, stdout } = await train("--help");
  assertEquals(code, 0);
  for (const name of Object.keys(TRAIN_FLAGS.shape)) {
    assert(stdout.includes(`--${name} `) || stdout.includes(`--[no-]${name}`), name);
  }
  for (
    const text of [
      'default: "mnist"',
      "default 15, cut short by the default --minutes",
      "default 9 where neither --epochs nor --iterations is given",
      "default 64, or 100 for --semi-supervised",
      "default 0.002 for images, 0.0002 otherwise, 0.0001 for wgan-gp, 0.0002 for InfoGAN on images, " +
      "0.003 for --semi-supervised, or 0.0001 for --model pacgan",
      "default 32 (64 for InfoGAN;",
      'default: "nonsaturating"',
    ]
  ) {
    assert(stdout.includes(text), text);
  }
});

Deno.test("train --model: the last one given chooses the flags, as it chooses the model", async () => {
  const ganOnly = "--semi-supervised", translationOnly = "--content ";
  for (
    const [args, gan] of [[["--model", "pix2pix", "--model=dcgan"], true], [[
      "--model=dcgan",
      "--model",
      "srgan",
    ], false]] as const
  ) {
    const { code, stdout } = await train(...args, "--help");
    assertEquals(
      [code, stdout.includes(ganOnly), stdout.includes(translationOnly)],
      [0, gan, !gan],
      args.join(" "),
    );
  }
});

Deno.test("train: an unknown flag or a bad value exits 2 with a message naming the flag", async () => {
  const cases: [string[], string][] = [
    [["--epoch", "3"], "unknown flag --epoch (did you mean --epochs?)"],
    [["--batch", "0"], "--batch must be an integer ≥ 1"],
    [["--loss", "wasserstein"], "--loss must be one of nonsaturating, minimax, lsgan, hinge, wgan-gp"],
    [["--data", "ring8", "--model", "dcgan"], "--model dcgan needs images"],
    [["--gp-weight", "5"], "--gp-weight applies to --loss wgan-gp only"],
    [["--loss", "wgan-gp", "--d-norm", "batch"], "--d-norm batch cannot go with --loss wgan-gp"],
    [
      ["--loss", "wgan-gp", "--label-smoothing", "0.9"],
      "--label-smoothing has no meaning for --loss wgan-gp",
    ],
    [["--r1", "0", "--r1-every", "16"], "--r1-every has no effect without --r1 or --r2"],
    [
      ["--resume", "runs/no-such-run"],
      "--resume runs/no-such-run: no checkpoint at runs/no-such-run/checkpoint",
    ],
  ];
  for (const [args, expected] of cases) {
    const { code, stderr } = await train(...args);
    assertEquals(code, 2, args.join(" "));
    assert(stderr.includes(`train: ${expected}`), stderr);
  }
});

Deno.test("train: data that cannot be loaded exits 2 naming --data, and leaves no run directory", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "run");
    for (const data of ["cifar10", "stacked-mnist --image-size 32", join(dir, "missing.csv")]) {
      const { code, stderr } = await train(...TINY, "--out", out, "--data", ...data.split(" "));
      assertEquals(code, 2, stderr);
      assert(stderr.includes(`train: --data ${data.split(" ")[0]}: `) && !stderr.includes("    at "), stderr);
      assertEquals(await Deno.stat(out).then(() => true, () => false), false);
    }
  });
});

Deno.test("train: a diverging run exits 1 naming the iteration, and --resume refuses changed settings", async () => {
  await withTempDir(async (out) => {
    const { code, stderr } = await train(...TINY, "--lr", "1e10", "--checkpoint-every", "1", "--out", out);
    assertEquals(code, 1);
    assert(/train: training diverged at iteration \d+: the [DG] loss is /.test(stderr), stderr);
    assert(stderr.includes(`is kept in ${join(out, "checkpoint")}`), stderr);
    const again = await train("--resume", out, "--lr", "0.001");
    assertEquals(again.code, 2);
    assert(again.stderr.includes("--lr cannot be given with a resumed run"), again.stderr);
  });
});

Deno.test("train --resume continues a stopped run to its end", async () => {
  await withTempDir(async (out) => {
    assertEquals((await train(...TINY, "--iterations", "4", "--out", out)).code, 0);
    const { code, stderr } = await train("--resume", out, "--iterations", "9", "--threads", "2");
    assertEquals(code, 0, stderr);
    assert(stderr.includes(`resuming mlp on ring8 in ${out}`), stderr);
    assertEquals((await loadCheckpoint(join(out, "checkpoint"))).state.iterations, 9);
  });
});

Deno.test("train: SIGINT and SIGTERM save a checkpoint, say how to resume, and exit 130 and 143", async () => {
  for (const [signal, exit] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    await withTempDir(async (out) => {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", TRAIN, ...TINY, "--epochs", "100000", "--out", out],
        stdout: "null",
        stderr: "piped",
      }).spawn();
      // Signal once the run is under way: its metrics log has lines.
      const metrics = join(out, "metrics.jsonl");
      const exited = child.status.then(() => true);
      while (!(await Deno.readTextFile(metrics).catch(() => "")).includes("\n")) {
        const wait = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 50));
        if (await Promise.race([exited, wait])) {
          throw new Error(
            `the run ended before it began: ${new TextDecoder().decode((await child.output()).stderr)}`,
          );
        }
      }
      child.kill(signal);
      const { code, stderr } = await child.output();
      const text = new TextDecoder().decode(stderr);
      assertEquals(code, exit, text);
      assert(text.includes(`stopped by ${signal} at iteration `), text);
      assert(text.includes(`continue with: deno task train --resume ${out}`), text);
      const stopped = Number(/at iteration (\d+)/.exec(text)![1]);
      assertEquals((await loadCheckpoint(join(out, "checkpoint"))).state.iterations, stopped);
      const resumed = await train("--resume", out, "--iterations", String(stopped + 3), "--threads", "2");
      assertEquals(resumed.code, 0, resumed.stderr);
      assertEquals((await loadCheckpoint(join(out, "checkpoint"))).state.iterations, stopped + 3);
    });
  }
});

Deno.test("train: an --out that cannot be written exits 2 naming --out, before any training", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "a-file");
    await Deno.writeTextFile(file, "");
    const { code, stderr } = await train(...TINY, "--iterations", "2", "--out", join(file, "run"));
    assertEquals(code, 2, stderr);
    assert(stderr.includes(`--out ${join(file, "run")} cannot be written`), stderr);
    assert(!stderr.includes("    at "), `no stack trace: ${stderr}`);
  });
});

Deno.test("train: a disk that fills during a checkpoint stops the run with a clear error and keeps the last one", async () => {
  await withTempDir(async (out) => {
    // Wide enough that the weights (about 3 MB) outgrow the 1 MiB that the resumed process may write to a file.
    const wide = [...TINY, "--width", "512"];
    assertEquals((await train(...wide, "--iterations", "4", "--out", out)).code, 0);
    const before = await Deno.readFile(join(out, "checkpoint", "model.safetensors"));
    const shell =
      `trap '' XFSZ; ulimit -f 1024; exec "$0" run -A --no-code-cache "$1" --resume "$2" --iterations 6`;
    const { code, stderr } = await new Deno.Command("bash", {
      args: ["-c", shell, Deno.execPath(), TRAIN, out],
      stderr: "piped",
      stdout: "null",
    }).output();
    const text = new TextDecoder().decode(stderr);
    assertEquals(code, 1, text);
    assert(text.includes(`could not save a checkpoint in ${join(out, "checkpoint")}: File too large`), text);
    assert(text.includes("the last good checkpoint (iteration 4) is kept"), text);
    assert(!text.includes("    at "), `no stack trace: ${text}`);
    const kept = await loadCheckpoint(join(out, "checkpoint"));
    assertEquals(kept.state.iterations, 4);
    assertEquals(await Deno.readFile(join(out, "checkpoint", "model.safetensors")), before);
    assertEquals(
      (await Array.fromAsync(Deno.readDir(out), (e) => e.name)).filter((n) => n.includes(".tmp-")),
      [],
    );
    // A metrics line cut short by the full disk is dropped when the run resumes.
    await Deno.writeTextFile(join(out, "metrics.jsonl"), '{"iteration": 5, "ep', { append: true });
    const again = await train("--resume", out, "--iterations", "6", "--threads", "2");
    assertEquals(again.code, 0, again.stderr);
    const lines = (await Deno.readTextFile(join(out, "metrics.jsonl"))).trim().split("\n");
    assertEquals(lines.map((line) => JSON.parse(line).iteration).at(-1), 6);
  });
});
