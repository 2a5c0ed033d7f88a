import { create } from "@bufbuild/protobuf";
import { NormalizedBoxSchema } from "@docproc/gen/docproc/v1/layout_pb.js";
import { FieldStatus } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { MATCH_CONFIDENCE, blankMeta, illegibleMeta, notFoundMeta, presentMeta } from "./field-meta.js";

const box = create(NormalizedBoxSchema, { xMin: 0.1, yMin: 0.2, xMax: 0.3, yMax: 0.4 });

describe("field meta builders", () => {
  it("builds present meta with masked raw text and provenance", () => {
    const meta = presentMeta({ pageIndex: 2, box }, " 360-31-8262 ", MATCH_CONFIDENCE.BOX_AND_LABEL);
    expect(meta.status).toBe(FieldStatus.PRESENT);
    expect(meta.rawText).toBe("***-**-8262");
    expect(meta.pageIndex).toBe(2);
    expect(meta.box?.xMin).toBeCloseTo(0.1);
    expect(meta.confidence).toBeCloseTo(0.95);
  });

  it("multiplies in the element's OCR confidence when the engine gave one", () => {
    expect(presentMeta({ pageIndex: 0, confidence: 0.5 }, "1.00", 0.9).confidence).toBeCloseTo(0.45);
    expect(presentMeta({ pageIndex: 0, confidence: 0 }, "1.00", 0.9).confidence).toBeCloseTo(0.9);
  });

  it("builds blank, illegible and not-found meta", () => {
    expect(blankMeta({ pageIndex: 1 })).toMatchObject({ status: FieldStatus.BLANK, pageIndex: 1, rawText: "" });
    expect(illegibleMeta({ pageIndex: 0 }, "12-3456789 ??")).toMatchObject({ status: FieldStatus.ILLEGIBLE, rawText: "**-***6789 ??" });
    expect(notFoundMeta()).toMatchObject({ status: FieldStatus.NOT_FOUND, confidence: 0 });
  });

  it("orders the confidence scale", () => {
    const c = MATCH_CONFIDENCE;
    expect([c.BOX_AND_LABEL, c.LABEL, c.BOX_ONLY, c.ADJACENT, c.INFERRED, c.POSITIONAL]).toEqual(
      [...[c.BOX_AND_LABEL, c.LABEL, c.BOX_ONLY, c.ADJACENT, c.INFERRED, c.POSITIONAL]].sort((a, b) => b - a),
    );
  });
});
