// The CLI flag parser: values, defaults, forms, and an error naming the flag
// for every mistake.
import { assert, assertEquals } from "./assert.ts";
import { type Flag, FlagError, formatHelp, parseFlags } from "../src/cli/flags.ts";

const spec: Flag[] = [
  { name: "epochs", type: "int", default: 10, min: 1, help: "passes over the data" },
  { name: "lr", type: "number", default: 0.0002, min: 0, max: 1, help: "learning rate" },
  { name: "shift", type: "number", default: 0, help: "offset added to pixels" },
  { name: "arch", type: "string", default: "dcgan", choices: ["dcgan", "mlp"], help: "architecture" },
  { name: "out", type: "string", help: "output directory" },
  { name: "fp16", type: "boolean", help: "store weights as float16" },
  { name: "shuffle", type: "boolean", default: true, help: "shuffle every epoch" },
];

/** The message of the FlagError that `args` must raise. */
function flagError(args: string[], flags = spec): string {
  try {
    parseFlags(flags, args);
  } catch (e) {
    assert(e instanceof FlagError, `${args.join(" ")}: threw ${e}, not a FlagError`);
    return e.message;
  }
  throw new Error(`${args.join(" ")} was accepted`);
}

Deno.test("flags: defaults fill whatever is not given", () => {
  assertEquals(parseFlags(spec, []), {
    epochs: 10,
    lr: 0.0002,
    shift: 0,
    arch: "dcgan",
    out: undefined,
    fp16: false,
    shuffle: true,
  });
});

Deno.test("flags: --name value and --name=value", () => {
  const values = parseFlags(spec, [
    "--epochs",
    "3",
    "--lr=0.5",
    "--arch=mlp",
    "--out",
    "runs/a=b",
    "--shift",
    "-2.5e-1",
  ]);
  assertEquals(values, {
    epochs: 3,
    lr: 0.5,
    shift: -0.25,
    arch: "mlp",
    out: "runs/a=b",
    fp16: false,
    shuffle: true,
  });
  assertEquals(parseFlags(spec, ["--out=--odd=name"]).out, "--odd=name");
  assertEquals(parseFlags(spec, ["--epochs", "+7", "--epochs", "8"]).epochs, 8); // the last one wins
});

Deno.test("flags: booleans are set by --flag and cleared by --no-flag", () => {
  assertEquals(parseFlags(spec, ["--fp16", "--no-shuffle"]), {
    ...parseFlags(spec, []),
    fp16: true,
    shuffle: false,
  });
  assertEquals(parseFlags(spec, ["--fp16", "--no-fp16"]).fp16, false);
});

Deno.test("flags: -h and --help win over everything else", () => {
  assertEquals(parseFlags(spec, ["-h"]), { help: true });
  assertEquals(parseFlags(spec, ["--epochs", "x", "--bogus", "--help"]), { help: true });
});

Deno.test("flags: every mistake is a FlagError naming the flag", () => {
  const cases: [string[], string][] = [
    [["--epoch", "3"], "unknown flag --epoch (did you mean --epochs?)"],
    [["--fp61"], "unknown flag --fp61 (did you mean --fp16?)"],
    [["--learning-rate", "1"], "unknown flag --learning-rate"],
    [["--no-epochs"], "unknown flag --no-epochs"],
    [["--epochs"], "--epochs needs a value"],
    [["--epochs", "--fp16"], "--epochs needs a value"],
    [["--epochs", "x"], '--epochs must be an integer ≥ 1, got "x"'],
    [["--epochs", "1.5"], '--epochs must be an integer ≥ 1, got "1.5"'],
    [["--epochs=1e3"], '--epochs must be an integer ≥ 1, got "1e3"'],
    [["--epochs", "0"], '--epochs must be an integer ≥ 1, got "0"'],
    [["--epochs", "99999999999999999999"], '--epochs must be an integer ≥ 1, got "99999999999999999999"'],
    [["--lr="], '--lr must be a number between 0 and 1, got ""'],
    [["--lr", "0x1"], '--lr must be a number between 0 and 1, got "0x1"'],
    [["--lr", "1.01"], '--lr must be a number between 0 and 1, got "1.01"'],
    [["--lr", "-0.1"], '--lr must be a number between 0 and 1, got "-0.1"'],
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

Deno.test("flags: a value range applies to ints as well", () => {
  const bounded: Flag[] = [{ name: "workers", type: "int", min: 1, max: 8, help: "threads" }];
  assertEquals(parseFlags(bounded, ["--workers", "8"]), { workers: 8 });
  assertEquals(
    flagError(["--workers", "9"], bounded),
    '--workers must be an integer between 1 and 8, got "9"',
  );
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
  const script = `import { parseCommandLine } from "${new URL("../src/cli/flags.ts", import.meta.url)}";
    parseCommandLine("demo", "A demo.", [{ name: "epochs", type: "int", default: 3, min: 1, help: "epochs" }], Deno.args);
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
