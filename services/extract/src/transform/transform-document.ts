import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import { type TypedDocument, TypedDocumentSchema } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import type { ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import {
  transformBankStatement,
  transformCheck,
  transformCreditCardStatement,
  transformInvoice,
  transformOther,
  transformReceipt,
} from "./commercial/index.js";
import { transform1098 } from "./form-1098.js";
import { transform1099Div } from "./form-1099-div.js";
import { transform1099Int } from "./form-1099-int.js";
import { transform1099Misc } from "./form-1099-misc.js";
import { transform1099Nec } from "./form-1099-nec.js";
import { transform1099R } from "./form-1099-r.js";
import type { Transformer } from "./transform-types.js";
import { transformW2 } from "./w2.js";

type Typed = { fields: TypedDocument; issues: ValidationIssue[] };

/** Wraps one form's result into the TypedDocument oneof. */
function typed<K extends NonNullable<TypedDocument["document"]["case"]>>(
  kind: K,
  result: { document: Extract<TypedDocument["document"], { case: K }>["value"]; issues: ValidationIssue[] },
): Typed {
  const document = { case: kind, value: result.document } as TypedDocument["document"];
  return { fields: create(TypedDocumentSchema, { document }), issues: result.issues };
}

/**
 * Turns layout into the typed document of the given type: the seven tax
 * forms here, the commercial documents in ./commercial. Throws
 * InvalidArgument for DOCUMENT_TYPE_UNSPECIFIED (or an unknown value).
 */
export const transformDocument: Transformer = (documentType, pages) => {
  switch (documentType) {
    case DocumentType.W2:
      return typed("w2", transformW2(pages));
    case DocumentType.FORM_1099_INT:
      return typed("form1099Int", transform1099Int(pages));
    case DocumentType.FORM_1099_DIV:
      return typed("form1099Div", transform1099Div(pages));
    case DocumentType.FORM_1099_MISC:
      return typed("form1099Misc", transform1099Misc(pages));
    case DocumentType.FORM_1099_NEC:
      return typed("form1099Nec", transform1099Nec(pages));
    case DocumentType.FORM_1099_R:
      return typed("form1099R", transform1099R(pages));
    case DocumentType.FORM_1098:
      return typed("form1098", transform1098(pages));
    case DocumentType.BANK_STATEMENT:
      return typed("bankStatement", transformBankStatement(pages));
    case DocumentType.CREDIT_CARD_STATEMENT:
      return typed("creditCardStatement", transformCreditCardStatement(pages));
    case DocumentType.INVOICE:
      return typed("invoice", transformInvoice(pages));
    case DocumentType.RECEIPT:
      return typed("receipt", transformReceipt(pages));
    case DocumentType.CHECK:
      return typed("check", transformCheck(pages));
    case DocumentType.OTHER:
      return typed("other", transformOther(pages));
    default:
      throw new ConnectError("document_type: required for typed fields", Code.InvalidArgument);
  }
};
