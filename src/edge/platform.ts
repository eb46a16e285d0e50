/**
 * tfjs's platform (timers, text codecs, fetch) on web-standard APIs alone.
 * tfjs picks one by sniffing for a browser or Node; an edge runtime is
 * neither (and the bundle hides Deno's `process`, see src/edge/build.ts).
 */
import type { Platform } from "@tensorflow/tfjs-core";

export const WEB_PLATFORM: Platform = {
  fetch: (path, init) => fetch(path, init),
  now: () => performance.now(),
  encode: (text) => new TextEncoder().encode(text),
  decode: (bytes, encoding) => new TextDecoder(encoding).decode(bytes),
  setTimeoutCustom: (callback, delay) => setTimeout(callback as () => void, delay),
  isTypedArray: (a): a is Float32Array | Int32Array | Uint8Array | Uint8ClampedArray =>
    a instanceof Float32Array || a instanceof Int32Array || a instanceof Uint8Array ||
    a instanceof Uint8ClampedArray,
};
