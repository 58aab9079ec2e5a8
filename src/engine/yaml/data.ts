import type { GoValue } from "../gotemplate/value.js";
import { CORE_WITH_MERGE } from "./coreSchema.js";
import { loadYaml, YAMLException } from "./load.js";
import { toHelmYaml } from "./marshal.js";

/** A data file that is not YAML, or whose aliases expand it beyond reason. */
export class DataYamlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataYamlError";
  }
}

/**
 * Reading the plain data files wheelhouse reads, most of them shared with helm: a repository's
 * index.yaml, repositories.yaml, Chart.lock and requirements.lock, the demo's seed plan.
 *
 * helm reads these with sigs.k8s.io/yaml into typed Go structs, so what decides a field's value
 * is its Go type, not YAML's typing: numbers and booleans headed for a string field become their
 * text, times parse as RFC 3339. The readers of these files do the same field by field (a
 * `version: 1.10` becomes "1.1" in both). So the document itself is read with js-yaml's YAML 1.2
 * core schema — the fast path, ~70 ms for a 10,000-entry index — plus `<<` merge keys; timestamps
 * stay strings; the last of repeated keys wins, as in helm; aliases are expanded under go-yaml's
 * budget, as helm's reader expands them (./load.js). One document; null when empty. Throws
 * DataYamlError.
 */
export function readDataYaml(text: string): unknown {
  let doc: unknown;
  try {
    doc = loadYaml(text, { schema: CORE_WITH_MERGE, json: true });
  } catch (err) {
    if (err instanceof YAMLException) throw new DataYamlError(err.message.split("\n")[0]!);
    throw err;
  }
  return doc ?? null;
}

/** A data value (JSON's types) without its undefined fields. */
function definedFields(v: unknown): GoValue {
  if (Array.isArray(v)) return v.map(definedFields);
  if (v === null || typeof v !== "object") return v as GoValue;
  const out: { [key: string]: GoValue } = {};
  for (const [key, value] of Object.entries(v)) {
    if (value !== undefined) out[key] = definedFields(value);
  }
  return out;
}

/**
 * Writing the data files helm also writes (repositories.yaml, index.yaml from `repo index`,
 * Chart.lock, Chart.yaml in a package, values files handed to helm) as helm writes them:
 * sigs.k8s.io/yaml.Marshal (toHelmYaml) — keys sorted, `- ` items at their key's column,
 * strings quoted when YAML 1.1 would read them as something else (timestamps included), long
 * lines folded at column 80. `value` holds JSON's types; undefined fields are left out, as Go's
 * omitempty leaves out empty ones. (Like helm, a U+2028/U+2029 is written raw inside single
 * quotes; yaml.v2 reads it back, js-yaml keeps the next line's indentation with it.)
 */
export function writeDataYaml(value: unknown): string {
  return toHelmYaml(definedFields(value));
}
