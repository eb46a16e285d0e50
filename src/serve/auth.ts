/** The bearer token that guards the job routes: $EDGEGAN_TOKEN (read by the runtime's adapter), or a fresh random one. */
import { bearerAuth } from "hono/bearer-auth";
import { OptionError } from "../options/option_error.ts";
import type { MiddlewareHandler } from "hono";

export function serverToken(token: string | undefined): string {
  if (token !== undefined && !/^[A-Za-z0-9._~+/-]{16,}=*$/.test(token)) {
    // Named as it is written: an environment variable, in the same words on every surface.
    throw new OptionError("EDGEGAN_TOKEN must be at least 16 characters of A-Z, a-z, 0-9 and ._~+/-");
  }
  return token ??
    Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Bearer authentication whose failures are `{error}` JSON like every other error here. */
export function requireToken(token: string): MiddlewareHandler {
  const error = (message: string) => ({ message: { error: message } });
  return bearerAuth({
    token,
    noAuthenticationHeader: error("this route needs the server's token: Authorization: Bearer <token>"),
    invalidAuthenticationHeader: error("the Authorization header must be: Bearer <token>"),
    invalidToken: error("wrong token"),
  });
}
