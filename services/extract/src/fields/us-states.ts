/** USPS two-letter codes: the states, DC, territories and military "states". */
export const US_STATE_CODES: ReadonlySet<string> = new Set(
  (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY " +
    "DC PR VI GU AS MP AA AE AP"
  ).split(" "),
);

/** True for a USPS state or territory code, in any letter case. */
export function isUsStateCode(s: string): boolean {
  return US_STATE_CODES.has(s.toUpperCase());
}
