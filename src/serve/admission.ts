/**
 * Backpressure for sampling: at most `running` requests sample at once and
 * at most `waiting` wait for a turn; a request beyond those, or one that
 * waits past its deadline, is answered 503 with Retry-After at once, so load
 * beyond what the cores can take is refused instead of queued without bound.
 * A request's body is read before it takes its turn, so that a slow upload
 * holds no slot; a full queue refuses it before that.
 */
import type { MiddlewareHandler } from "hono";

export interface AdmissionLimits {
  /** Requests sampling at once. */
  running: number;
  /** Requests waiting for a turn. */
  waiting: number;
  /** Milliseconds a request may wait for its turn. */
  deadlineMs: number;
}

/** The limits where none are given: a request per core at once, four per core waiting, a second's wait. */
export function defaultLimits(cores: number): AdmissionLimits {
  return { running: cores, waiting: 4 * cores, deadlineMs: 1000 };
}

export class Admission {
  #running = 0;
  readonly #queue: (() => void)[] = [];
  /** Requests refused since the start, full queue or deadline. */
  rejected = 0;

  constructor(readonly limits: AdmissionLimits) {}

  get depth(): number {
    return this.#queue.length;
  }

  get running(): number {
    return this.#running;
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const refuse = () => {
        this.rejected++;
        c.header("Retry-After", "1");
        return c.json({ error: "the server is busy sampling: retry in a second" }, 503);
      };
      if (this.#full()) return refuse();
      // A POST's body, size-limited (limitBody), is read before the request queues; the route reads it from
      // Hono's cache. Another method's is no route's, and has no limit.
      if (c.req.method === "POST" && c.req.raw.body) await c.req.arrayBuffer();
      if (!(await this.#enter())) return refuse();
      try {
        await next();
      } finally {
        this.#leave();
      }
    };
  }

  #full(): boolean {
    return this.#running >= this.limits.running && this.#queue.length >= this.limits.waiting;
  }

  /** Takes a turn: at once, after waiting in the queue, or never (false). */
  #enter(): Promise<boolean> {
    if (this.#running < this.limits.running) {
      this.#running++;
      return Promise.resolve(true);
    }
    if (this.#full()) return Promise.resolve(false);
    return new Promise((resolve) => {
      const turn = () => {
        clearTimeout(timer);
        this.#running++;
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#queue.splice(this.#queue.indexOf(turn), 1);
        resolve(false);
      }, this.limits.deadlineMs);
      this.#queue.push(turn);
    });
  }

  #leave(): void {
    this.#running--;
    this.#queue.shift()?.();
  }
}
