/**
 * Server-sent events read with fetch, which (unlike EventSource) can send
 * the Authorization header the job routes need.
 */
import { bearer, request } from "./api.ts";

export type EventHandler = (type: string, data: unknown) => void;

/** Calls `onEvent` for each event until the stream ends or `signal` aborts. */
export async function readEvents(url: string, token: string, onEvent: EventHandler, signal: AbortSignal) {
  const response = await request(url, { headers: bearer(token), signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffer += chunk.value;
    const blocks = buffer.split("\n\n");
    buffer = blocks.pop()!; // an event still arriving
    for (const block of blocks) dispatch(block, onEvent);
  }
}

function dispatch(block: string, onEvent: EventHandler): void {
  let type = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) type = line.slice(7);
    else if (line.startsWith("data: ")) data.push(line.slice(6));
  }
  if (data.length) onEvent(type, JSON.parse(data.join("\n")));
}
