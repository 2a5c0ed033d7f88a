// The page limiter is @docproc/common's createLimiter. This path stays only
// because cpu/cpu-extract-engine.ts imports it from here; once that file
// imports @docproc/common, this one can go.
export { createLimiter, type Limiter } from "@docproc/common";
