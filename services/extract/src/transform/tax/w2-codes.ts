/** W-2 box 12 codes (IRS General Instructions for Forms W-2 and W-3; I, O, U and X are not used). */
export const W2_BOX12_CODES: ReadonlySet<string> = new Set(
  "A B C D E F G H J K L M N P Q R S T V W Y Z AA BB DD EE FF GG HH II TA TP TS TT".split(" "),
);
