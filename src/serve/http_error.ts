/** An error the client caused: answered as `{error}` JSON with its status instead of a 500. */
import type { ContentfulStatusCode } from "hono/utils/http-status";

export class HttpError extends Error {
  override name = "HttpError";

  constructor(readonly status: ContentfulStatusCode, message: string) {
    super(message);
  }
}
