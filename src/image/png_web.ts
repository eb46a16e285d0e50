/**
 * PNG encoding with the web's CompressionStream: what the sampling routes
 * use, since it runs on Deno, edge runtimes and browsers alike.
 */
import type { Image } from "./image.ts";
import { pngFile, pngRows } from "./png_write.ts";

export async function encodePngWeb(image: Image): Promise<Uint8Array> {
  const stream = new Blob([pngRows(image) as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new CompressionStream("deflate"));
  return pngFile(image, new Uint8Array(await new Response(stream).arrayBuffer()));
}
