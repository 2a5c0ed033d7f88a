import { create } from "@bufbuild/protobuf";
import { DateSchema } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { dateToIso, findDates, parseDate, parseTime } from "./dates.js";

const iso = (text: string, ctx = {}) => {
  const d = parseDate(text, ctx);
  return d && dateToIso(d);
};

describe("parseDate", () => {
  it.each([
    ["01/31/2024", "2024-01-31"],
    ["1/31/24", "2024-01-31"],
    ["2024-01-31", "2024-01-31"],
    ["2024/1/5", "2024-01-05"],
    ["01-31-2024", "2024-01-31"],
    ["Jan 31, 2024", "2024-01-31"],
    ["January 31 2024", "2024-01-31"],
    ["Sept. 5, 2023", "2023-09-05"],
    ["31 Jan 2024", "2024-01-31"],
    ["31-Jan-2024", "2024-01-31"],
    ["1st March 2024", "2024-03-01"],
    ["06/24/13", "2013-06-24"],
    ["02/29/2024", "2024-02-29"],
    ["12/31/98", "1998-12-31"],
    ["January 2024", "2024-01"],
  ])("reads %s", (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each(["02/30/2024", "13/13/2024", "31.02.2024", "02/29/2023", "2024", "75000.00", "Jan", "hello", "123-45-6789"])("rejects %s", (text) => {
    expect(parseDate(text)).toBeUndefined();
  });

  it.each([
    ["07.05.2014", "2014-05-07"],
    ["31.01.2024", "2024-01-31"],
    ["01.02.24", "2024-02-01"],
    // Day-first cannot hold (no month 25): the US reading.
    ["12.25.2024", "2024-12-25"],
  ])("reads dotted %s day-first", (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each([
    ["05/07/2014", "2014-05-07"],
    ["12/01/2024", "2024-12-01"],
    ["13/01/2024", "2024-01-13"],
    ["20/10/2015", "2015-10-20"],
    ["31-01-2024", "2024-01-31"],
  ])("reads slashed or dashed %s month-first unless the first number is over 12", (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it("finds day-first dates in text", () => {
    expect(findDates("Datum: 07.05.2014, fällig 20/10/2015").map((f) => dateToIso(f.date))).toEqual(["2014-05-07", "2015-10-20"]);
  });

  it("resolves partial dates from the period end", () => {
    const periodEnd = create(DateSchema, { year: 2024, month: 1, day: 14 });
    expect(iso("01/05", { periodEnd })).toBe("2024-01-05");
    expect(iso("12/28", { periodEnd })).toBe("2023-12-28");
    expect(iso("Dec 28", { periodEnd })).toBe("2023-12-28");
    expect(iso("28 Dec", { periodEnd: new Date(Date.UTC(2024, 0, 14)) })).toBe("2023-12-28");
  });

  it("resolves partial dates from the period start or a default year", () => {
    const periodStart = create(DateSchema, { year: 2023, month: 12, day: 15 });
    expect(iso("01/03", { periodStart })).toBe("2024-01-03");
    expect(iso("12/20", { periodStart })).toBe("2023-12-20");
    expect(iso("Jul 17", { defaultYear: 2022 })).toBe("2022-07-17");
    expect(iso("Jul 17")).toBe("--07-17");
  });
});

describe("findDates", () => {
  it("finds dates in document order, never inside longer numbers", () => {
    const found = findDates("From 01/01/2024 to Jan 31, 2024; SSN 123-45-6789; 2024-02-15 and 07/17");
    expect(found.map((f) => f.raw)).toEqual(["01/01/2024", "Jan 31, 2024", "2024-02-15", "07/17"]);
    expect(findDates("Box 5 Market discount")).toEqual([]);
  });
});

describe("dateToIso", () => {
  it("writes partial dates", () => {
    expect(dateToIso(create(DateSchema, { year: 2024, month: 7 }))).toBe("2024-07");
    expect(dateToIso(create(DateSchema, { month: 7, day: 4 }))).toBe("--07-04");
    expect(dateToIso(create(DateSchema, {}))).toBe("");
  });
});

describe("parseTime", () => {
  it.each([
    ["14:05", 14, 5],
    ["2:05 PM", 14, 5],
    ["2:05:33 pm", 14, 5],
    ["2 PM", 14, 0],
    ["12:30 AM", 0, 30],
    ["12:10 p.m.", 12, 10],
  ])("reads %s", (text, hours, minutes) => {
    expect(parseTime(text)).toMatchObject({ hours, minutes });
  });

  it.each(["25:00", "12.50", "13:00 PM", "14", "10:75"])("rejects %s", (text) => {
    expect(parseTime(text)).toBeUndefined();
  });
});
