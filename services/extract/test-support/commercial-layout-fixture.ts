import { create } from "@bufbuild/protobuf";
import { type PageResult, PageResultSchema, PageStatus } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import {
  LayoutCategory,
  type LayoutElement,
  LayoutElementSchema,
  NormalizedBoxSchema,
  PixelBoxSchema,
} from "@docproc/gen/docproc/v1/layout_pb.js";
import { moneyToDecimal } from "../src/fields/money.js";
import { parseTableHtml } from "../src/layout/table-html.js";
import { pageFromDotsOcr } from "./tax-layout-fixture.js";

/** One page of a simulated dots.ocr response, as stored in the corpus fixtures. */
export interface DotsPageFixture {
  /** The exact response string (may be truncated or repeat elements). */
  raw: string;
  /** The smart-resized frame the model saw. */
  width: number;
  height: number;
  /** The original page size. */
  originalWidth: number;
  originalHeight: number;
}

/** Turns stored dots.ocr responses into PageResults the way the VLM engine does (repair, boxes, tables). */
export function pagesFromDots(pages: readonly DotsPageFixture[]): PageResult[] {
  // The stored responses are read as finished ("stop"): a cut-off page is repaired, as the engine does.
  return pages.map((page, pageIndex) => pageFromDotsOcr(page.raw, pageIndex, page, "stop"));
}

/** A hand-made element: category, text and a box in page fractions [x0, y0, x1, y1]. */
export interface HandElement {
  category?: "text" | "title" | "section" | "table" | "picture" | "footer" | "header";
  text?: string;
  box: readonly [number, number, number, number];
  confidence?: number;
}

const CATEGORY: Record<NonNullable<HandElement["category"]>, LayoutCategory> = {
  text: LayoutCategory.TEXT,
  title: LayoutCategory.TITLE,
  section: LayoutCategory.SECTION_HEADER,
  table: LayoutCategory.TABLE,
  picture: LayoutCategory.PICTURE,
  footer: LayoutCategory.PAGE_FOOTER,
  header: LayoutCategory.PAGE_HEADER,
};

/** Builds a page from hand-made elements (tables given as HTML are parsed like engine output). */
export function handPage(pageIndex: number, elements: readonly HandElement[], width = 1700, height = 2200): PageResult {
  return create(PageResultSchema, {
    pageIndex,
    status: PageStatus.OK,
    width,
    height,
    elements: elements.map((e) => handElement(e, width, height)),
  });
}

function handElement(e: HandElement, width: number, height: number): LayoutElement {
  const category = CATEGORY[e.category ?? "text"];
  const [x0, y0, x1, y1] = e.box;
  return create(LayoutElementSchema, {
    category,
    text: e.text ?? "",
    confidence: e.confidence ?? 0,
    box: create(NormalizedBoxSchema, { xMin: x0, yMin: y0, xMax: x1, yMax: y1 }),
    pixelBox: create(PixelBoxSchema, {
      xMin: Math.round(x0 * width),
      yMin: Math.round(y0 * height),
      xMax: Math.round(x1 * width),
      yMax: Math.round(y1 * height),
    }),
    ...(category === LayoutCategory.TABLE && e.text ? { table: parseTableHtml(e.text) } : {}),
  });
}

/** A page the engine failed on (no elements). */
export function failedPage(pageIndex: number): PageResult {
  return create(PageResultSchema, { pageIndex, status: PageStatus.FAILED, error: "page could not be read" });
}

/** A stored corpus document: the dots.ocr pages and the values to expect (corpus normalisation). */
export interface CorpusFixture {
  id: string;
  docType: string;
  imperfections: Array<{ page: number; kind: string }>;
  pages: DotsPageFixture[];
  expected: Record<string, unknown>;
}

const TYPE_NAMES = ["", "purchase", "payment", "credit", "fee", "interest"];
const PAYMENT_NAMES = ["", "CREDIT_CARD", "DEBIT_CARD", "CASH", "OTHER"];

/**
 * A typed field as the corpus writes it: money "75000.00", dates ISO, times
 * "HH:MM", addresses {street, city, state, postal_code}, masked numbers
 * {last4, truncated}, checkboxes true/false; null when not found.
 */
export function plainValue(field: unknown, key = ""): unknown {
  if (key === "type" && typeof field === "number") return TYPE_NAMES[field] ?? null;
  if (key === "payment_method" && typeof field === "number") return PAYMENT_NAMES[field] || null;
  if (typeof field !== "object" || field === null) return field ?? null;
  const f = field as { $typeName?: string; value?: any; meta?: { status: number } };
  const v = f.value;
  if (f.meta && f.meta.status !== 1 && f.$typeName !== "docproc.v1.CheckboxField") return null;
  switch (f.$typeName) {
    case "docproc.v1.MoneyField":
      return v ? moneyToDecimal(v) : null;
    case "docproc.v1.DateField":
      return v ? `${String(v.year).padStart(4, "0")}-${String(v.month).padStart(2, "0")}-${String(v.day).padStart(2, "0")}` : null;
    case "docproc.v1.TimeField":
      return v ? `${String(v.hours).padStart(2, "0")}:${String(v.minutes).padStart(2, "0")}` : null;
    case "docproc.v1.IntField":
      return Number(v);
    case "docproc.v1.DecimalField":
      return v ? v.value : null;
    case "docproc.v1.CheckboxField":
      return v === 1 ? true : v === 2 ? false : null;
    case "docproc.v1.AddressField":
      return v ? { street: v.addressLines.join(", "), city: v.locality, state: v.administrativeArea, postal_code: v.postalCode } : null;
    case "docproc.v1.MaskedNumberField":
      return v ? { last4: v.last4, truncated: v.truncatedOnDocument } : null;
    default:
      return v ?? null;
  }
}

/** The document's field (snake_case key) as a plain value; lists become arrays of plain items. */
export function plainField(document: Record<string, unknown>, key: string): unknown {
  const camel = key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  const field = document[camel];
  if (Array.isArray(field)) {
    return field.map((item: Record<string, unknown>) =>
      Object.fromEntries(Object.keys(item).filter((k) => k !== "$typeName" && k !== "meta").map((k) => [snake(k), plainValue(item[k], snake(k))])),
    );
  }
  return plainValue(field, key);
}

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
