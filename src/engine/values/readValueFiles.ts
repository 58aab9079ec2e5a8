import { readFile } from "node:fs/promises";
import { parseAllDocuments, type YAMLError } from "yaml";
import { ValuesError } from "./errors.js";
import { isValuesMap, type Values } from "./types.js";

/**
 * YAML options for values files. The `yaml` package's default core schema (YAML 1.2)
 * is kept, as for values.yaml in the chart loader, so both agree. Helm reads YAML
 * 1.1-ish (sigs.k8s.io/yaml): there `yes`/`no`/`on`/`off` are booleans and `0644` is
 * octal 420; here they are the strings "yes"… and the number 644 — quote such
 * values or write `0o644`. Merge keys (`<<: *anchor`) are honoured and a repeated
 * key keeps its last value, as Helm does.
 */
const YAML_OPTIONS = { merge: true, uniqueKeys: false, prettyErrors: true } as const;

function typeName(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  return `a ${typeof value}`;
}

/**
 * Parses the text of a values file (`-f`). Only the first YAML document counts, as
 * in Helm. An empty document gives {}. `source` names the file in errors.
 */
export function parseValuesYaml(text: string, source: string): Values {
  const doc = parseAllDocuments(text, YAML_OPTIONS)[0];
  if (doc === undefined) return {};
  const error = doc.errors[0];
  if (error !== undefined) throw yamlError(error, source);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new ValuesError(`invalid YAML in values file ${source}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (value === null || value === undefined) return {};
  if (!isValuesMap(value)) {
    const line = doc.contents ? lineOf(text, doc.contents.range?.[0] ?? 0) : 1;
    throw new ValuesError(
      `values file ${source} must hold a map of keys at the top, but line ${line} starts ${typeName(value)}`,
      { hint: "write values as `key: value` lines at the top level of the file" },
    );
  }
  return value;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

function yamlError(error: YAMLError, source: string): ValuesError {
  const pos = error.linePos?.[0];
  const [first = "", ...rest] = error.message.split("\n");
  const reason = first.replace(/\s*at line \d+, column \d+:?\s*$/, "").trim();
  const where = pos ? `line ${pos.line}, column ${pos.col}` : "an unknown line";
  const snippet = rest.join("\n").trim();
  return new ValuesError(
    `invalid YAML in values file ${source} at ${where}: ${reason}`,
    snippet ? { details: snippet, cause: error } : { cause: error },
  );
}

/** Reads and parses one `-f` values file ("-" reads standard input, as Helm does). */
export async function readValuesFile(path: string): Promise<Values> {
  let text: string;
  try {
    text = path === "-" ? await readStdin() : await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : (err as Error).message;
    throw new ValuesError(`cannot read values file ${path}: ${reason}`, { cause: err });
  }
  return parseValuesYaml(text, path === "-" ? "<stdin>" : path);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
