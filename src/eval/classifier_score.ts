/**
 * The Inception score's formula (Salimans et al. 2016) with our classifier
 * in place of Inception: exp(E_x KL(p(y|x) ‖ p(y))), p(y) the mean of the
 * samples' p(y|x). High when each sample is confidently one class and the
 * classes are balanced; at most the number of classes. Computed over all the
 * samples at once (the original averages ten splits).
 */
export function classifierScore(probs: Float32Array, classes: number): number {
  const n = probs.length / classes;
  const marginal = new Float64Array(classes);
  for (let i = 0; i < probs.length; i++) marginal[i % classes] += probs[i] / n;
  let kl = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (p > 0) kl += p * Math.log(p / marginal[i % classes]);
  }
  return Math.exp(kl / n);
}
