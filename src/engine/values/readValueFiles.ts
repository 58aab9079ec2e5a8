import { readFile } from "node:fs/promises";
import { HelmYamlError, readHelmValues } from "../yaml/index.js";
import { ValuesError } from "./errors.js";
import type { Values } from "./types.js";

/** Where a non-map document starts: the first line that is not blank, a comment or `---`. */
function firstContentLine(text: string): number {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => !/^\s*(?:#.*)?$/.test(l) && !/^---\s*(?:#.*)?$/.test(l));
  return i < 0 ? 1 : i + 1;
}

const NOT_A_MAP = /^json: cannot unmarshal (\w+) into Go value of type map/;

/**
 * Parses the text of a values file (`-f`) as helm 4 does (loader.LoadValues): YAML 1.1 typing
 * (`yes`/`on` are booleans, `0777` is 511), every document of the file merged over the previous
 * one, merge keys and the last of repeated keys as goyaml.v2, aliases limited. An empty file
 * gives {}. `source` names the file in errors, which carry helm's text
 * (`failed to parse FILE: cannot unmarshal yaml document: … yaml: line 3: …`).
 */
export function parseValuesYaml(text: string, source: string): Values {
  try {
    return readHelmValues(text, { source }) as Values;
  } catch (err) {
    if (!(err instanceof HelmYamlError)) throw err;
    const notMap = NOT_A_MAP.exec(err.reason);
    if (notMap) {
      const kind = notMap[1] === "array" ? "a list" : `a ${notMap[1]}`;
      throw new ValuesError(
        `values file ${source} must hold a map of keys at the top, but line ${firstContentLine(text)} starts ${kind}`,
        { hint: "write values as `key: value` lines at the top level of the file", cause: err },
      );
    }
    throw new ValuesError(`failed to parse ${source}: ${err.message}`, { cause: err });
  }
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
