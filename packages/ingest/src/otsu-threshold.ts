/**
 * Otsu's threshold of 8-bit grey pixels: the level that best splits them into ink and paper
 * (pixels below it are the dark class). Hand-written because sharp only offers a fixed
 * threshold, and the split has to follow each scan's own paper and ink levels.
 */
export function otsuThreshold(grey: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (let i = 0; i < grey.length; i++) {
    const level = grey[i] as number;
    histogram[level] = (histogram[level] as number) + 1;
  }
  let total = 0;
  for (let level = 0; level < 256; level++) total += level * (histogram[level] as number);
  let darkCount = 0;
  let darkSum = 0;
  let bestVariance = -1;
  let best = 128;
  for (let level = 0; level < 256; level++) {
    const count = histogram[level] as number;
    darkCount += count;
    darkSum += level * count;
    const lightCount = grey.length - darkCount;
    if (darkCount === 0) continue;
    if (lightCount === 0) break;
    const difference = darkSum / darkCount - (total - darkSum) / lightCount;
    const variance = darkCount * lightCount * difference * difference;
    if (variance > bestVariance) {
      bestVariance = variance;
      // Pixels at this level belong to the dark class, so "below threshold" is level + 1.
      best = level + 1;
    }
  }
  return best;
}
