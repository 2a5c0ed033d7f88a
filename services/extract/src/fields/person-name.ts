import { create } from "@bufbuild/protobuf";
import { type PersonName, PersonNameSchema } from "@docproc/gen/docproc/v1/values_pb.js";

const SUFFIXES = /^(?:jr|sr|ii|iii|iv|v|md|phd|esq|cpa|dds)\.?$/i;
const TITLES = /^(?:mr|mrs|ms|miss|dr|prof)\.?$/i;
const PARTICLES = new Set(["van", "von", "de", "da", "del", "della", "di", "la", "le", "du", "st", "st.", "bin", "al", "ter", "den", "der"]);

/**
 * Splits a printed person name into first, middle, last and suffix. Reads
 * "First M. Last Jr." and the "LAST, FIRST M" form; surname particles ("van",
 * "de la") stay with the last name. Middle initials lose their period.
 */
export function parsePersonName(text: string): PersonName {
  const full = text.replace(/\s+/g, " ").trim();
  let first = "";
  let middle = "";
  let last = "";
  let suffix = "";
  const commaParts = full.split(",").map((p) => p.trim()).filter(Boolean);
  let given: string[];
  if (commaParts.length >= 2 && !SUFFIXES.test(commaParts[1]!)) {
    // "LAST, FIRST M" (maybe "LAST, FIRST M, JR")
    const lastTokens = commaParts[0]!.split(" ");
    const suffixIdx = lastTokens.findIndex((t, i) => i > 0 && SUFFIXES.test(t));
    if (suffixIdx > 0) suffix = lastTokens.splice(suffixIdx).join(" ");
    last = lastTokens.join(" ");
    given = commaParts[1]!.split(" ");
    if (commaParts[2] && SUFFIXES.test(commaParts[2])) suffix = commaParts[2];
  } else {
    const tokens = full.replace(/,/g, "").split(" ").filter(Boolean);
    while (tokens.length > 1 && SUFFIXES.test(tokens.at(-1)!)) suffix = [tokens.pop()!, suffix].filter(Boolean).join(" ");
    const lastStart = surnameStart(tokens);
    last = tokens.splice(lastStart).join(" ");
    given = tokens;
  }
  given = given.filter((t, i) => !(i === 0 && TITLES.test(t) && given.length > 1));
  first = given[0] ?? "";
  middle = given.slice(1).join(" ").replace(/^([A-Za-z])\.$/, "$1");
  return create(PersonNameSchema, { full, first, middle, last, suffix });
}

/** The index where the surname starts: the last token, pulled back over particles ("de la Cruz"). */
function surnameStart(tokens: string[]): number {
  if (tokens.length <= 1) return 0;
  let k = tokens.length - 1;
  while (k > 1 && PARTICLES.has(tokens[k - 1]!.toLowerCase())) k--;
  return k;
}
