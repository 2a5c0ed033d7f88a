import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, loadConfig, logLevel, port, positiveInt, stringBool, url } from "./config-helpers.js";

const schema = z.object({
  PORT: port(50051),
  LOG_LEVEL: logLevel(),
  FLAG: stringBool(false),
  LIMIT: positiveInt(10),
  BASE_URL: url(),
});

describe("loadConfig", () => {
  it("applies defaults, treating empty values as unset", () => {
    expect(loadConfig(schema, { PORT: "", FLAG: " " })).toEqual({
      PORT: 50051,
      LOG_LEVEL: "info",
      FLAG: false,
      LIMIT: 10,
      BASE_URL: undefined,
    });
  });

  it("parses values", () => {
    const config = loadConfig(schema, {
      PORT: "0",
      LOG_LEVEL: "DEBUG",
      FLAG: "true",
      LIMIT: "5",
      BASE_URL: "http://vllm:8000/v1",
      UNRELATED: "x",
    });
    expect(config).toEqual({ PORT: 0, LOG_LEVEL: "debug", FLAG: true, LIMIT: 5, BASE_URL: "http://vllm:8000/v1" });
  });

  it("reads \"false\" and \"0\" as false (no z.coerce.boolean surprise)", () => {
    expect(loadConfig(schema, { FLAG: "false" }).FLAG).toBe(false);
    expect(loadConfig(schema, { FLAG: "0" }).FLAG).toBe(false);
    expect(loadConfig(schema, { FLAG: "yes" }).FLAG).toBe(true);
  });

  it("lists every bad key in one error without echoing values", () => {
    let error: unknown;
    try {
      loadConfig(schema, { PORT: "70000", LOG_LEVEL: "loud", FLAG: "maybe", LIMIT: "-1", BASE_URL: "ftp://secret-host/x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const key of ["PORT", "LOG_LEVEL", "FLAG", "LIMIT", "BASE_URL"]) expect(message).toContain(`  ${key}: `);
    expect(message).not.toContain("secret-host");
  });
});
