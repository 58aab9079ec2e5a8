import { HelmYamlError, readHelmValues, toDisplayYaml, type YamlPlace } from "../yaml/index.js";
import { ValuesError } from "./errors.js";
import type { Values } from "./types.js";

/**
 * The text the TUI's editor opens on for an upgrade: the release's user-supplied values, as
 * `helm get values` shows them. A release without any gets the chart's defaults commented out
 * instead of `{}`, so there is something to start from.
 */
export function editableValuesYaml(
  userValues: Values | undefined,
  chartDefaults: Values | null,
): string {
  if (userValues && Object.keys(userValues).length > 0) return toDisplayYaml(userValues, "values");
  const header = [
    "# No user-supplied values: the chart's defaults apply. Uncomment and change what you need;",
    "# what you write here replaces the user-supplied values. An empty file cancels.",
  ];
  const defaults =
    chartDefaults && Object.keys(chartDefaults).length > 0
      ? toDisplayYaml(chartDefaults, "values")
          .replace(/\n$/, "")
          .split("\n")
          .map((line) => `# ${line}`)
      : [];
  return [...header, ...(defaults.length > 0 ? ["#", ...defaults] : []), ""].join("\n");
}

/**
 * Values edited in the TUI, read as a `-f` file is. An error says where, with the lines around
 * it: the user is about to fix it, and the text is theirs, not a file they can open elsewhere.
 */
export function parseEditedValues(text: string): Values {
  try {
    return readHelmValues(text);
  } catch (err) {
    if (!(err instanceof HelmYamlError)) throw err;
    const place: YamlPlace | undefined =
      err.at ?? (err.line !== undefined ? { line: err.line, column: 0, reason: "" } : undefined);
    if (/cannot unmarshal \w+ into Go value of type map/.test(err.reason)) {
      throw new ValuesError(
        "the edited values must be a map of keys to values, as a values file is",
        { details: err.reason, cause: err },
      );
    }
    if (!err.at) {
      throw new ValuesError(`the edited values are not valid: ${err.message}`, {
        ...(place ? { details: codeFrame(text, place) } : {}),
        cause: err,
      });
    }
    throw new ValuesError(
      `the edited values are not valid YAML: line ${err.at.line}, column ${err.at.column}: ${err.at.reason}`,
      { details: codeFrame(text, err.at), cause: err },
    );
  }
}

const FRAME_BEFORE = 3;

/** The lines up to the place, numbered, and a caret under its column (when there is one). */
function codeFrame(text: string, place: YamlPlace): string {
  const lines = text.split("\n");
  const last = Math.min(place.line, lines.length);
  const first = Math.max(1, last - FRAME_BEFORE);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    out.push(`${String(n).padStart(width)} | ${lines[n - 1]!.replace(/\t/g, "→")}`);
  }
  if (place.column > 0) out.push(`${" ".repeat(width)} | ${" ".repeat(place.column - 1)}^`);
  return out.join("\n");
}
