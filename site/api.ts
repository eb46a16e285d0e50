/** The server's JSON API, as the page uses it. */
import type { modelView } from "../src/serve/model_view.ts";

/** What GET /api/models says of a model: the server's own type, as JSON carries it. */
export type ModelInfo = ReturnType<typeof modelView>;

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The response to `init`, or an ApiError with the server's `{error}`. */
export async function request(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, init);
  if (response.ok) return response;
  const body = await response.json().catch(() => ({}));
  throw new ApiError(response.status, body.error ?? `${response.status} ${response.statusText}`);
}

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  return (await request(url, init)).json();
}

export function bearer(token: string): HeadersInit {
  return { authorization: `Bearer ${token}` };
}
