/** helm's YAML errors, and the limits every helm-style read checks first. */
import type { GoType } from "./goStruct.js";

/** Largest YAML text read at once (values files, Chart.yaml, fromYaml input). */
export const DEFAULT_MAX_YAML_BYTES = 64 * 1024 * 1024;

/**
 * A helm YAML error. `message` is helm's text after its wrappers, e.g.
 * `error converting YAML to JSON: yaml: line 3: could not find expected ':'`.
 */
export class HelmYamlError extends Error {
  /**
   * Where the parser stopped, 1-based, with its own reason: libyaml's words and line (above) are
   * helm's, but its line is often the one before the problem and it gives no column.
   */
  at?: YamlPlace;

  constructor(
    message: string,
    /** The message without the "error converting YAML to JSON: " wrapper. */
    readonly reason: string,
    /** 1-based line, when the parser gave one. */
    readonly line?: number,
    readonly source?: string,
  ) {
    super(message);
    this.name = "HelmYamlError";
  }
}

/** A place in a YAML text, 1-based, and what is wrong there. */
export interface YamlPlace {
  line: number;
  column: number;
  reason: string;
}

export interface ReadOptions {
  /** Names the input in errors (a file path). */
  source?: string;
  /** Refuse longer texts (bytes of UTF-8; default 64 MiB). */
  maxBytes?: number;
  /**
   * The Go type the document is unmarshaled into, when not interface{}: numbers and booleans
   * headed for its string fields convert to their text, as sigs.k8s.io/yaml does (the JSON
   * decoding into it is decodeJsonInto's job).
   */
  target?: GoType;
}

export function checkSize(text: string, opts: ReadOptions): void {
  const max = opts.maxBytes ?? DEFAULT_MAX_YAML_BYTES;
  // Cheap bound first: a UTF-16 length above max*1 can still be under max bytes only if ASCII.
  if (text.length > max || (text.length * 3 > max && Buffer.byteLength(text) > max)) {
    const where = opts.source ? `${opts.source}: ` : "";
    throw new HelmYamlError(
      `${where}YAML input is larger than the ${max} bytes allowed`,
      `YAML input is larger than the ${max} bytes allowed`,
      undefined,
      opts.source,
    );
  }
}

/** sigs.k8s.io/yaml's wrapper around a goyaml error. */
export function conversionError(
  reason: string,
  line: number | undefined,
  opts: ReadOptions,
): HelmYamlError {
  return new HelmYamlError(`error converting YAML to JSON: ${reason}`, reason, line, opts.source);
}
