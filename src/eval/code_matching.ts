/**
 * InfoGAN's categorical code read as a classifier, as the paper reports it:
 * each code value is matched, one to one, to a class so that as many samples
 * as possible agree with the classifier, and the error is the share that do
 * not. The matching is an assignment problem, solved exactly by dynamic
 * programming over the sets of classes already taken (2^classes states).
 */

export interface CodeMatching {
  /** The class matched to each code value (-1 where a code has more values than there are classes). */
  classOf: number[];
  /** The share of samples whose class, as read by the classifier, is not their code value's class. */
  error: number;
  /** counts[value][class]: how often samples of a code value were read as a class. */
  counts: number[][];
}

const MAX_CLASSES = 20;

/** The best one-to-one matching of `values` code values to `classes` classes for the samples' pairs. */
export function matchCodes(
  code: ArrayLike<number>,
  predicted: ArrayLike<number>,
  values: number,
  classes: number,
): CodeMatching {
  if (classes > MAX_CLASSES) {
    throw new Error(`code matching takes up to ${MAX_CLASSES} classes, got ${classes}`);
  }
  const counts = Array.from({ length: values }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < code.length; i++) counts[code[i]][predicted[i]]++;
  // best[v][taken]: the most samples that values v.. can match with the classes outside `taken`.
  const states = 1 << classes;
  const best = Array.from({ length: values + 1 }, () => new Float64Array(states));
  for (let v = values - 1; v >= 0; v--) {
    for (let taken = 0; taken < states; taken++) {
      let most = best[v + 1][taken]; // value v left unmatched
      for (let c = 0; c < classes; c++) {
        if (!(taken & (1 << c))) most = Math.max(most, counts[v][c] + best[v + 1][taken | (1 << c)]);
      }
      best[v][taken] = most;
    }
  }
  const classOf: number[] = [];
  let taken = 0;
  for (let v = 0; v < values; v++) {
    let choice = -1;
    for (let c = 0; c < classes && choice < 0; c++) {
      if (!(taken & (1 << c)) && counts[v][c] + best[v + 1][taken | (1 << c)] === best[v][taken]) choice = c;
    }
    classOf.push(choice);
    if (choice >= 0) taken |= 1 << choice;
  }
  return { classOf, error: 1 - best[0][0] / code.length, counts };
}
