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

/** The ids of a wasm binary's sections, in order (the binary format's section headers). */
function sectionIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  for (let at = 8; at < bytes.length;) {
    ids.push(bytes[at++]);
    let size = 0;
    for (let shift = 0;; shift += 7) {
      const byte = bytes[at++];
      size |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    at += size;
  }
  return ids;
}

Deno.test("inplace.wasm has no data section: it runs in tfjs's memory, where one would be copied over tfjs's heap", async () => {
  const ids = sectionIds(await Deno.readFile("wasm/inplace.wasm"));
  assertEquals(ids.includes(1) && ids.includes(10), true, `sections ${ids}`); // types and code: read right
  assertEquals(ids.includes(11), false, `sections ${ids}: a data section`);
});
