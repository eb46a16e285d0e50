// The committed wasm/kernels.wasm must be what wasm/build.sh makes of the C sources.
import { assertEquals } from "./assert.ts";

const clang = new Deno.Command("sh", { args: ["-c", "command -v clang-16 && command -v wasm-ld-16"] })
  .outputSync().success;

Deno.test({
  name: "wasm/kernels.wasm matches its sources",
  ignore: !clang,
  async fn() {
    const out = await Deno.makeTempFile({ suffix: ".wasm" });
    const build = await new Deno.Command("bash", { args: ["wasm/build.sh", out] }).output();
    assertEquals(build.success, true, new TextDecoder().decode(build.stderr));
    const built = await Deno.readFile(out);
    await Deno.remove(out);
    assertEquals(built, await Deno.readFile("wasm/kernels.wasm"), "run: deno task build:wasm");
  },
});
