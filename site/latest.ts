/**
 * Answers that may arrive out of order: of the calls made, only the latest
 * one's answer is shown, so a slow answer cannot paint over a newer one,
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
      const answer = await make();
      if (call === latest) apply(answer);
      return call === latest;
    },
    drop: () => void latest++,
  };
}
