// Standard normal CDF to ~1e-15 absolute (MacKinnon p-values are Phi of a polynomial; statsmodels uses
// scipy.stats.norm.cdf). erfc by the all-positive power series of erf (no cancellation) for |x| < 3 and by
// its continued fraction beyond, where the series would need many terms and the tail needs relative accuracy.

const INV_SQRT_PI = 0.5641895835477563; // 1/sqrt(pi)

/** Complementary error function. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    // erf(x) = 2x/sqrt(pi) e^{-x^2} sum_n (2x^2)^n / (1*3*...*(2n+1))
    const x2 = 2 * x * x;
    let term = 1;
    let sum = 1;
    for (let n = 1; n < 200; n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 1 - 2 * x * INV_SQRT_PI * Math.exp(-x * x) * sum;
  }
  if (x > 27) return 0; // e^{-729} underflows
  // erfc(x) = e^{-x^2}/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated bottom-up.
  let f = x;
  for (let k = 80; k >= 1; k--) f = x + k / 2 / f;
  return (INV_SQRT_PI * Math.exp(-x * x)) / f;
}

/** P(Z <= x) for a standard normal Z. */
export function normCdf(x: number): number {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  return 0.5 * erfc(-x / Math.SQRT2);
}
