/** The parsed command line of `docproc`. */
export interface CliArgs {
  command: "classify" | "extract" | "process";
  input: string;
  json: boolean;
  documentType: string | undefined;
  promptMode: string | undefined;
}

export const USAGE = `usage: docproc classify|extract|process <file-or-url> [--json] [--type W2] [--mode layout_all]

  classify   say what the document is (type, confidence, per-class scores)
  extract    read typed fields (--type is required, or use process)
  process    classify, then extract as the type found

environment: DOCPROC_URL (default http://localhost:8000), DOCPROC_API_KEY`;

/** Parses argv (without node and script); throws an Error with the usage on misuse. */
export function parseCliArgs(argv: string[]): CliArgs {
  const positional: string[] = [];
  let json = false;
  let documentType: string | undefined;
  let promptMode: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--type" || arg === "--doc-type") documentType = argv[++i];
    else if (arg === "--mode" || arg === "--prompt-mode") promptMode = argv[++i];
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  const [command, input] = positional;
  if ((command !== "classify" && command !== "extract" && command !== "process") || !input || positional.length > 2) {
    throw new Error(USAGE);
  }
  if (command === "extract" && !documentType) throw new Error(`extract needs --type (or use process)\n${USAGE}`);
  return { command, input, json, documentType, promptMode };
}
