// A run's epoch pictures: named with three digits or more, and read back in
// epoch order, which past epoch 999 is not the names' order.
import { assertEquals } from "./assert.ts";
import { epochPictureName, epochPictures } from "../src/train/epoch_pictures.ts";

Deno.test("epoch pictures: named epoch-NNN.png and listed by epoch, past 999 too; other files left out", () => {
  assertEquals([7, 101, 1000].map(epochPictureName), ["epoch-007.png", "epoch-101.png", "epoch-1000.png"]);
  const names = [
    "strip.png",
    "epoch-1000.png",
    "epoch-101.png",
    "epoch-999.png",
    "epoch-x.png",
    "epoch-002.png",
  ];
  assertEquals(epochPictures(names), [
    { name: "epoch-002.png", epoch: 2 },
    { name: "epoch-101.png", epoch: 101 },
    { name: "epoch-999.png", epoch: 999 },
    { name: "epoch-1000.png", epoch: 1000 },
  ]);
});
