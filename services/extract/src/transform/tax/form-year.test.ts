import { FieldStatus } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { page, text } from "../../../test-support/hand-layout.js";
import { layoutCells } from "../layout/layout-cells.js";
import { findCopy } from "./form-copy.js";
import { findTaxYear } from "./form-year.js";

const cells = (...elements: ReturnType<typeof text>[]) => layoutCells([page(elements)]);

describe("findTaxYear", () => {
  it("prefers the year labelled 'For calendar year' over revision years and ZIP codes", () => {
    const year = findTaxYear(
      cells(
        text("Washington, DC 20001", [0.05, 0.05, 0.3, 0.07]),
        text("Form 1099-INT\n(Rev. January 2024)", [0.8, 0.05, 0.95, 0.08]),
        text("For calendar year\n2023", [0.8, 0.09, 0.95, 0.12]),
      ),
    );
    expect(year.value).toBe(2023n);
    expect(year.meta?.rawText).toBe("2023");
  });

  it("takes the year standing next to the W-2 title, not one in a date or in prose", () => {
    const year = findTaxYear(
      cells(
        text("Paid on 12/31/2022 for services in 2021 and other years as described in the instructions that follow below this line of text for you", [0, 0.9, 1, 0.95]),
        text("Form W-2 Wage and Tax Statement", [0.05, 0.5, 0.4, 0.52]),
        text("2024", [0.45, 0.5, 0.5, 0.52]),
      ),
    );
    expect(year.value).toBe(2024n);
  });

  it("never takes a house number for the year", () => {
    expect(findTaxYear(cells(text("2024 Oak Street\nDenver, CO 80202", [0, 0, 0.3, 0.05]))).meta?.status).toBe(FieldStatus.NOT_FOUND);
  });

  it("is NOT_FOUND without a plausible year", () => {
    expect(findTaxYear(cells(text("Total 12345.00", [0, 0, 1, 0.1]))).meta?.status).toBe(FieldStatus.NOT_FOUND);
  });
});

describe("findCopy", () => {
  it("takes the first line starting with 'Copy X'", () => {
    const copy = findCopy(
      cells(
        text("See the back of Copy B.", [0, 0, 1, 0.02]),
        text("Copy 2—To Be Filed With Employee's State Return.", [0, 0.1, 1, 0.12]),
        text("Copy C—For EMPLOYEE'S RECORDS", [0, 0.5, 1, 0.52]),
      ),
    );
    expect(copy.value).toBe("2");
    expect(copy.meta?.rawText).toBe("Copy 2—To Be Filed With Employee's State Return.");
  });

  it("falls back to a mention inside a line, and is NOT_FOUND without one", () => {
    expect(findCopy(cells(text("This is COPY B for the recipient", [0, 0, 1, 0.02]))).value).toBe("B");
    expect(findCopy(cells(text("nothing", [0, 0, 1, 0.02]))).meta?.status).toBe(FieldStatus.NOT_FOUND);
  });
});
