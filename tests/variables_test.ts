// A network's variables to and from a checkpoint's tensors.
import * as tf from "@tensorflow/tfjs-core";
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { assignNewVariables } from "../src/checkpoint/variables.ts";
import { ownedVariable } from "../src/models/params.ts";

await initBackend({ threads: 1, log: false });

const fresh = () =>
  new Map([["a", ownedVariable(tf.zeros([2]), true)], ["b", ownedVariable(tf.zeros([3]), true)]]);

Deno.test("assignNewVariables sets a new network's variables to the saved tensors", () => {
  const variables = fresh();
  assignNewVariables(variables, {
    a: { shape: [2], data: Float32Array.of(1, 2) },
    b: { shape: [3], data: Float32Array.of(3, 4, 5) },
  });
  assertEquals([...variables.get("b")!.dataSync()], [3, 4, 5]);
  tf.dispose([...variables.values()]);
});

Deno.test("assignNewVariables frees the new network when the checkpoint does not fit it", () => {
  const tensors = tf.memory().numTensors;
  const variables = fresh();
  assertThrows(
    () => assignNewVariables(variables, { a: { shape: [2], data: Float32Array.of(1, 2) } }),
    /the checkpoint has no b/,
  );
  assert([...variables.values()].every((v) => v.isDisposed), "every variable is disposed");
  assertEquals(tf.memory().numTensors, tensors);
});
