/** Calibration measures shared by the classify benchmark and scripts/calibrate-classifier.ts. */

export interface ConfidenceSample {
  /** The probability given to the predicted class. */
  confidence: number;
  /** Whether the prediction was right. */
  correct: boolean;
}

/**
 * Expected calibration error over equal-width confidence bins: Σ (n_b / N) · |accuracy_b − mean
 * confidence_b|. 0 is perfect; 10 bins is the usual choice.
 */
export function expectedCalibrationError(samples: readonly ConfidenceSample[], bins = 10): number {
  if (samples.length === 0) return 0;
  const sums = Array.from({ length: bins }, () => ({ count: 0, confidence: 0, correct: 0 }));
  for (const sample of samples) {
    const bin = sums[Math.min(bins - 1, Math.max(0, Math.floor(sample.confidence * bins)))]!;
    bin.count += 1;
    bin.confidence += sample.confidence;
    bin.correct += sample.correct ? 1 : 0;
  }
  let total = 0;
  for (const bin of sums) {
    if (bin.count === 0) continue;
    total += (bin.count / samples.length) * Math.abs(bin.correct / bin.count - bin.confidence / bin.count);
  }
  return total;
}

/**
 * Minimises a unimodal function on [lo, hi] by golden-section search. Hand-written: a dozen lines,
 * and the project has no numerics dependency.
 */
export function goldenSectionMinimize(f: (x: number) => number, lo: number, hi: number, tolerance = 1e-4): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tolerance) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}
