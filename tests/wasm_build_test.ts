// The committed wasm/*.wasm must be what wasm/build.sh makes of the C sources.
import { assertEquals } from "./assert.ts";

const clang = new Deno.Command("sh", { args: ["-c", "command -v clang-16 && command -v wasm-ld-16"] })
  .outputSync().success;

Deno.test({
  name: "wasm/*.wasm match their sources",
  ignore: !clang,
  async fn() {
    const out = await Deno.makeTempDir();
    const build = await new Deno.Command("bash", { args: ["wasm/build.sh", out] }).output();
    assertEquals(build.success, true, new TextDecoder().decode(build.stderr));
    for (const name of ["gemm.wasm", "gemm_single.wasm", "inplace.wasm"]) {
      const built = await Deno.readFile(`${out}/${name}`);
      assertEquals(built, await Deno.readFile(`wasm/${name}`), `${name}: run deno task build:wasm`);
    }
    await Deno.remove(out, { recursive: true });
  },
});
