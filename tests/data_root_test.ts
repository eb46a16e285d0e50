// A job's data path is confined to the server's data folder.
import { join } from "node:path";
import { assertEquals, assertRejects } from "./assert.ts";
import { confineData } from "../src/serve/data_root.ts";
import { withTempDir } from "./temp_dir.ts";

Deno.test("confineData takes a folder inside whose name begins with '..', and refuses the parent", async () => {
  await withTempDir(async (root) => {
    const data = join(root, "data");
    await Deno.mkdir(join(data, "..cache"), { recursive: true });
    await Deno.writeTextFile(join(data, "..cache", "a.csv"), "x\n1\n");
    assertEquals(
      await confineData("..cache/a.csv", data),
      join(await Deno.realPath(data), "..cache", "a.csv"),
    );
    await assertRejects(() => confineData("..", data), /"\.\." leads outside it/);
  });
});
