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

Deno.test("confineData refuses a folder with a link in it, or in a class folder, that leads outside", async () => {
  await withTempDir(async (root) => {
    const data = join(root, "data");
    await Deno.mkdir(join(data, "images", "cats"), { recursive: true });
    await Deno.writeTextFile(join(root, "secret.png"), "");
    await Deno.writeTextFile(join(data, "images", "cats", "a.png"), "");
    // A link inside that stays inside is fine.
    await Deno.symlink(join(data, "images", "cats"), join(data, "images", "felines"));
    assertEquals(await confineData("images", data), join(await Deno.realPath(data), "images"));
    await Deno.symlink(join(root, "secret.png"), join(data, "images", "cats", "b.png"));
    await assertRejects(
      () => confineData("images", data),
      /"images\/(cats|felines)\/b\.png" is a link that leads outside it/,
    );
  });
});
