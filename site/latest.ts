/**
 * Answers that may arrive out of order: of the calls made, only the latest
 * one's answer (or failure) is shown, so a slow answer cannot paint over a newer one,
 * and `drop` discards the answers in flight (as a "clear" button must).
 */
export function latestOnly(): {
  /** Whether the answer was shown. */
  show<T>(make: () => Promise<T>, apply: (answer: T) => void): Promise<boolean>;
  drop(): void;
} {
  let latest = 0;
  return {
    async show(make, apply) {
      const call = ++latest;
      try {
        const answer = await make();
        if (call === latest) apply(answer);
      } catch (e) {
        if (call === latest) throw e; // a superseded call's failure is no more news than its answer
      }
      return call === latest;
    },
    drop: () => void latest++,
  };
}
