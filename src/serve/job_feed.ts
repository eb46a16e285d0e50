/**
 * A job's events, kept so that a client connecting late sees the whole
 * loss curve: every event is replayed to new subscribers, then they get the
 * live ones until the job ends.
 */
export interface JobEvent {
  id: number;
  type: string;
  data: unknown;
}

type Listener = (event: JobEvent) => void;

export class JobFeed {
  readonly #history: JobEvent[] = [];
  readonly #listeners = new Map<Listener, () => void>();
  #nextId = 1;
  #closed = false;

  /** Sends an event; `replaces` drops earlier ones of its type from the replay (a status, the latest picture). */
  publish(type: string, data: unknown, { replaces = false } = {}): void {
    const event = { id: this.#nextId++, type, data };
    if (replaces) {
      this.#history.splice(
        0,
        this.#history.length,
        ...this.#history.filter((e) => e.type !== type),
      );
    }
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
}
