import type { DocumentType } from "@docproc/gen/docproc/v1/document_pb.js";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { TypedDocument } from "@docproc/gen/docproc/v1/typed_document_pb.js";
import type { ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";

/** The result of turning layout into a typed document. */
export interface TransformResult {
  /** The typed fields (the oneof case matches the document type). */
  fields: TypedDocument;
  /** Cross-field and format checks that did not hold. */
  issues: ValidationIssue[];
}

/**
 * Turns the pages' layout (unmasked element text, tables parsed) into typed
 * fields. Pages with PAGE_STATUS_FAILED have no elements and are skipped.
 * Field values never contain full SSNs/TINs/account numbers: TaxId and
 * MaskedNumber carry only last4/masked, and raw_text is masked.
 */
export type Transformer = (documentType: DocumentType, pages: PageResult[]) => TransformResult;
