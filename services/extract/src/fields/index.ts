export { isValidAbaRouting } from "./aba.js";
export { addressToText, looksLikeStreetLine, parseAddress, splitNameAndAddress } from "./address.js";
export { type DateContext, type FoundDate, dateToIso, findDates, parseDate, parseTime } from "./dates.js";
export {
  MATCH_CONFIDENCE,
  type SourceRef,
  blankMeta,
  combineConfidence,
  illegibleMeta,
  notFoundMeta,
  presentMeta,
} from "./field-meta.js";
export { type FoundAmount, findAmounts } from "./find-amounts.js";
export { parseMaskedNumber } from "./masked-number.js";
export {
  CENT_NANOS,
  type ParsedMoney,
  addMoney,
  compareMoney,
  moneyFromDecimal,
  moneyFromNanos,
  moneyToDecimal,
  moneyToNanos,
  nanosToDecimal,
  negateMoney,
  parseMoney,
} from "./money.js";
export { parsePersonName } from "./person-name.js";
export { maskAllButLast4, maskIdentifiers, maskSsnShapes } from "./pii.js";
export { parseTaxId } from "./tax-id.js";
export { US_STATE_CODES, isUsStateCode } from "./us-states.js";
