// Test assertions, from Node's built-in assert (the Deno std library lives on JSR).
import { deepStrictEqual, ok, rejects, throws } from "node:assert/strict";

export function assert(condition: unknown, message?: string): asserts condition {
  ok(condition, message);
}

export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  deepStrictEqual(actual, expected, message);
}

export { rejects as assertRejects, throws as assertThrows };
