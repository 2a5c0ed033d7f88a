import type { Message } from "@bufbuild/protobuf";
import type { Money } from "@docproc/gen/docproc/v1/values_pb.js";

function isMoney(value: unknown): value is Money {
  return typeof value === "object" && value !== null && (value as Message).$typeName === "docproc.v1.Money";
}

/**
 * Sets the currency of every Money in a document message. Amounts are parsed
 * one by one and most print no symbol, so the document's currency (found
 * once, from codes and symbols anywhere on the page) is applied at the end.
 */
export function setCurrency(message: Message, code: string): void {
  const visit = (value: unknown): void => {
    if (isMoney(value)) {
      value.currencyCode = code;
      return;
    }
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object" && value !== null && "$typeName" in value) {
      for (const [key, child] of Object.entries(value)) if (key !== "$typeName") visit(child);
    }
  };
  visit(message);
}
