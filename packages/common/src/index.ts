export { DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS, documentTypeLabel, parseDocumentTypeLabel } from "./document-types.js";
