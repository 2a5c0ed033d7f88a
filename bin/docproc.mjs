#!/usr/bin/env node
// Entry point of `npx docproc`: loads the TypeScript CLI through tsx's loader.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../scripts/cli/main.ts");
process.exitCode = await main(process.argv.slice(2), process.env);
