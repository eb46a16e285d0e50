/**
 * A job's events, kept so that a client connecting late sees the whole
 * loss curve: the kept events are replayed to new subscribers, then they get
 * the live ones until the job ends.
 */
export interface JobEvent {
  id: number;
  type: string;
  data: unknown;
}

type Listener = (event: JobEvent) => void;

/**
 * What the replay keeps of a type: the latest event alone (a status, the
 * latest picture), or at most THINNED_MAX of them spread evenly over the whole
 * job, so that a long job's loss curve is replayed whole but coarser.
 */
export type Replay = "latest" | "thinned";

export const THINNED_MAX = 1000;

export class JobFeed {
  #history: JobEvent[] = [];
  /** Per thinned type: events published, and the stride: the replay keeps those numbered by a multiple of it. */
  readonly #thinning = new Map<string, { published: number; stride: number }>();
  readonly #numbers = new WeakMap<JobEvent, number>();
  readonly #listeners = new Map<Listener, () => void>();
  #nextId = 1;
  #closed = false;

  /** Sends an event to the subscribers, and keeps it for later ones as `replay` says. */
  publish(type: string, data: unknown, replay: Replay): void {
    const event = { id: this.#nextId++, type, data };
    if (replay === "latest") this.#history = this.#history.filter((e) => e.type !== type);
    else this.#thin(type, event);
    this.#history.push(event);
    for (const listener of this.#listeners.keys()) listener(event);
  }

  /** No events after this one: subscribers are told, and later ones get the replay alone. */
  close(): void {
    this.#closed = true;
    for (const onClose of this.#listeners.values()) onClose();
    this.#listeners.clear();
  }

  /** Replays the history to `listener`, then sends it each new event; returns the unsubscribe. */
  subscribe(listener: Listener, onClose: () => void): () => void {
    this.#history.forEach(listener);
    if (this.#closed) onClose();
    else this.#listeners.set(listener, onClose);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Numbers `event` among its type's, drops the previous latest unless it is on the stride, and when the
   * type would pass THINNED_MAX doubles the stride: half the resolution, the same span.
   */
  #thin(type: string, event: JobEvent): void {
    const thinning = this.#thinning.get(type) ?? { published: 0, stride: 1 };
    this.#thinning.set(type, thinning);
    this.#numbers.set(event, thinning.published++);
    const kept = (e: JobEvent) => e.type !== type || this.#numbers.get(e)! % thinning.stride === 0;
    this.#history = this.#history.filter(kept);
    if (this.#history.filter((e) => e.type === type).length >= THINNED_MAX) {
      thinning.stride *= 2;
      this.#history = this.#history.filter(kept);
    }
  }
}
