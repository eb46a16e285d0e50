// The command line (src/cli/command_line.ts) over an options schema: values,
// defaults, forms, help, and an error naming the flag for every mistake.
import * as z from "zod/mini";
import { int, number, option } from "../src/options/options.ts";
import { assert, assertEquals } from "./assert.ts";
import { FLAG_SURFACE, formatHelp, HELP, parseFlags } from "../src/cli/command_line.ts";
import { OptionError } from "../src/options/option_error.ts";

const spec = z.strictObject({
  epochs: option(int(1), "passes over the data", 10),
  lr: option(number(0, 1), "learning rate", 0.0002),
  shift: option(number(), "offset added to pixels", 0),
  arch: option(z.enum(["dcgan", "mlp"]), "architecture", "dcgan"),
  out: option(z.string(), "output directory"),
  fp16: option(z.boolean(), "store weights as float16", false),
  shuffle: option(z.boolean(), "shuffle every epoch", true),
});

/** The message, in a command line's words, of the OptionError that `args` must raise. */
function flagError(args: string[], flags: z.ZodMiniObject = spec): string {
  try {
    parseFlags(flags, args);
  } catch (e) {
    assert(e instanceof OptionError, `${args.join(" ")}: threw ${e}, not an OptionError`);
    return e.render(FLAG_SURFACE);
  }
  throw new Error(`${args.join(" ")} was accepted`);
}

const DEFAULTS = { epochs: 10, lr: 0.0002, shift: 0, arch: "dcgan" as const, fp16: false, shuffle: true };

Deno.test("flags: defaults fill whatever is not given", () => {
  assertEquals(parseFlags(spec, []), DEFAULTS);
});

Deno.test("flags: --name value and --name=value", () => {
  const values = parseFlags(spec, [
    "--epochs",
    "3",
    "--lr=0.5",
    "--arch=mlp",
    "--out",
    "runs/a=b",
    "--shift=-2.5e-1",
  ]);
  assertEquals(values, {
    ...DEFAULTS,
    epochs: 3,
    lr: 0.5,
    shift: -0.25,
    arch: "mlp" as const,
    out: "runs/a=b",
  });
  assertEquals(parseFlags(spec, ["--out=--odd=name"]), { ...DEFAULTS, out: "--odd=name" });
  assertEquals(parseFlags(spec, ["--epochs", "+7", "--epochs", "8"]), { ...DEFAULTS, epochs: 8 }); // the last wins
});

Deno.test("flags: booleans are set by --flag and cleared by --no-flag", () => {
  assertEquals(parseFlags(spec, ["--fp16", "--no-shuffle"]), { ...DEFAULTS, fp16: true, shuffle: false });
  assertEquals(parseFlags(spec, ["--fp16", "--no-fp16"]), DEFAULTS);
});

Deno.test("flags: -h and --help win over everything else", () => {
  assertEquals(parseFlags(spec, ["-h"]), HELP);
  assertEquals(parseFlags(spec, ["--epochs", "x", "--bogus", "--help"]), HELP);
});

Deno.test("flags: every mistake is an OptionError naming the flag", () => {
  const cases: [string[], string][] = [
    [["--epoch", "3"], "unknown flag --epoch (did you mean --epochs?)"],
    [["--fp61"], "unknown flag --fp61 (did you mean --fp16?)"],
    [["--learning-rate", "1"], "unknown flag --learning-rate"],
    [["--no-epochs"], "unknown flag --no-epochs"],
    [["--epochs"], "--epochs needs a value"],
    [["--epochs", "--fp16"], "--epochs needs a value (a value that starts with - is written --epochs=VALUE)"],
    [["--shift", "-1"], "--shift needs a value (a value that starts with - is written --shift=VALUE)"],
    [["--epochs", "x"], '--epochs must be an integer ≥ 1, got "x"'],
    [["--epochs", "1.5"], '--epochs must be an integer ≥ 1, got "1.5"'],
    [["--epochs", "0"], '--epochs must be an integer ≥ 1, got "0"'],
    [["--epochs", "99999999999999999999"], '--epochs must be an integer ≥ 1, got "99999999999999999999"'],
    [["--lr="], '--lr must be a number between 0 and 1, got ""'],
    [["--lr", "0x1"], '--lr must be a number between 0 and 1, got "0x1"'],
    [["--lr", "1.01"], '--lr must be a number between 0 and 1, got "1.01"'],
    [["--lr=-0.1"], '--lr must be a number between 0 and 1, got "-0.1"'],
    [["--shift", "1e999"], '--shift must be a number, got "1e999"'],
    [["--arch", "vae"], '--arch must be one of dcgan, mlp, got "vae"'],
    [["--fp16=yes"], "--fp16 takes no value: write --fp16 or --no-fp16"],
    [["--no-fp16=false"], "--fp16 takes no value: write --fp16 or --no-fp16"],
    [["data.bin"], 'unexpected argument "data.bin": flags are written --name value'],
    [["--fp16", "true"], 'unexpected argument "true": flags are written --name value'],
    [["-e", "3"], 'unexpected argument "-e": flags are written --name value'],
  ];
  for (const [args, message] of cases) assertEquals(flagError(args), message, args.join(" "));
});

Deno.test("flags: a required flag, and a range on an integer", () => {
  const bounded = z.strictObject({ workers: int(1, 8).check(z.describe("threads")) });
  assertEquals(parseFlags(bounded, ["--workers", "8"]), { workers: 8 });
  assertEquals(
    flagError(["--workers", "9"], bounded),
    '--workers must be an integer between 1 and 8, got "9"',
  );
  assertEquals(flagError([], bounded), "--workers is required: threads");
});

Deno.test("flags: help lists every flag with its type, limits and default", () => {
  assertEquals(
    formatHelp("edgegan train", "Trains a GAN on CPU.", spec),
    [
      "usage: edgegan train [flags]",
      "",
      "Trains a GAN on CPU.",
      "",
      "flags:",
      "  --epochs <int>      passes over the data (≥ 1; default: 10)",
      "  --lr <number>       learning rate (between 0 and 1; default: 0.0002)",
      "  --shift <number>    offset added to pixels (default: 0)",
      '  --arch <dcgan|mlp>  architecture (default: "dcgan")',
      "  --out <string>      output directory",
      "  --[no-]fp16         store weights as float16 (default: false)",
      "  --[no-]shuffle      shuffle every epoch (default: true)",
      "  -h, --help          show this help",
      "",
    ].join("\n"),
  );
});

Deno.test("parseCommandLine: a mistake exits 2 naming the flag, --help exits 0 with the help", async () => {
  const script = `import * as z from "zod/mini";
    import { int, option } from "${new URL("../src/options/options.ts", import.meta.url)}";
    import { parseCommandLine } from "${new URL("../src/cli/command_line.ts", import.meta.url)}";
    parseCommandLine("demo", "A demo.", z.strictObject({ epochs: option(int(1), "epochs", 3) }), Deno.args);
    console.log("parsed");`;
  const run = async (...args: string[]) => {
    const out = await new Deno.Command(Deno.execPath(), { args: ["eval", script, ...args] }).output();
    const text = new TextDecoder();
    return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
  };
  const bad = await run("--epochs", "0");
  assertEquals(bad.code, 2);
  assert(bad.stderr.includes("demo: --epochs"), bad.stderr);
  const help = await run("--help");
  assertEquals(help.code, 0);
  assert(help.stdout.includes("--epochs") && help.stdout.includes("default: 3"), help.stdout);
  assertEquals((await run("--epochs", "2")).stdout.trim(), "parsed");
});
