/** What the cleaner had to change. */
export interface CleanReport {
  delimitersFixed: number;
  /** The incomplete last element was cut off. */
  tailTruncated: boolean;
  /** Exact duplicate elements removed (steps c and the JSON fast path). */
  duplicatesRemoved: number;
  /** Later repeats of a (category, text) pair seen ≥5 times, or of a bbox seen ≥2 times (step f). */
  repeatsRemoved: number;
  /** "dicts": only the individually parseable objects were kept; "single": one incomplete object was rebuilt. */
  salvaged: "none" | "dicts" | "single";
}

/** A report with nothing repaired yet; the cleaner steps add to it. */
export function emptyReport(): CleanReport {
  return { delimitersFixed: 0, tailTruncated: false, duplicatesRemoved: 0, repeatsRemoved: 0, salvaged: "none" };
}

