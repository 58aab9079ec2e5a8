/**
 * values.schema.json validation, as Helm's ValidateAgainstSchema
 * (pkg/chartutil/jsonschema.go): the chart's schema against its values and each
 * enabled subchart's schema against its own section, every failure reported at once
 * in Helm's (gojsonschema) wording.
 */
import { createRequire } from "node:module";
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import type { Chart } from "../chart/types.js";
import { getOwn } from "./clone.js";
import { ValuesError } from "./errors.js";
import { locatePatternError, re2RegExp, SchemaPatternError } from "./schemaRegExp.js";
import { isValuesMap, plainValues, type Values } from "./types.js";

type FormatsPlugin = (ajv: Ajv) => Ajv;
type AjvClass = new (options: object) => Ajv;

/** ajv is loaded when a chart has a schema: it is a large CommonJS package most charts never need. */
function ajvModules(): {
  ajv: AjvClass;
  ajv2019: AjvClass;
  ajv2020: AjvClass;
  formats: FormatsPlugin;
} {
  const require = createRequire(import.meta.url);
  const formats = require("ajv-formats") as { default?: FormatsPlugin } & FormatsPlugin;
  return {
    ajv: (require("ajv") as { Ajv: AjvClass }).Ajv,
    ajv2019: (require("ajv/dist/2019.js") as { Ajv2019: AjvClass }).Ajv2019,
    ajv2020: (require("ajv/dist/2020.js") as { Ajv2020: AjvClass }).Ajv2020,
    formats: formats.default ?? formats,
  };
}

export const SCHEMA_FILE = "values.schema.json";

/**
 * Compiled validators, keyed by the schema bytes: a chart and the copies
 * applyDependencyConditions makes of it (aliases) share the same Buffer, so each
 * schema is compiled once however many times the chart is rendered.
 */
const compiled = new WeakMap<Buffer, ValidateFunction>();

function chartError(
  chart: Chart,
  problem: string,
  cause: unknown,
  hint = `fix ${SCHEMA_FILE} in ${chart.source}`,
): ValuesError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ValuesError(`chart ${chart.metadata.name}: ${SCHEMA_FILE} ${problem}: ${reason}`, {
    cause,
    hint,
  });
}

type Dialect = "draft-07" | "2019-09" | "2020-12";

function dialectOf(schema: Values): Dialect {
  const uri = typeof schema.$schema === "string" ? schema.$schema : "";
  if (uri.includes("2020-12")) return "2020-12";
  if (uri.includes("2019-09")) return "2019-09";
  return "draft-07";
}

function newAjv(dialect: Dialect): Ajv {
  const options = {
    allErrors: true,
    strict: false,
    logger: false as const,
    // Patterns run on RE2, as helm's Go regexp: linear time, Go's syntax (./schemaRegExp.ts).
    code: { regExp: re2RegExp },
  };
  const m = ajvModules();
  const ajv =
    dialect === "2020-12"
      ? new m.ajv2020(options)
      : dialect === "2019-09"
        ? new m.ajv2019(options)
        : new m.ajv(options);
  m.formats(ajv);
  return ajv;
}

/**
 * One ajv instance per dialect: creating one costs tens of milliseconds, compiling
 * another schema in it about one. A schema whose `$id` an earlier chart already
 * registered gets an instance of its own.
 */
const sharedAjv = new Map<Dialect, Ajv>();

function compileSchema(schema: Values): ValidateFunction {
  const dialect = dialectOf(schema);
  let ajv = sharedAjv.get(dialect);
  if (ajv === undefined) {
    ajv = newAjv(dialect);
    sharedAjv.set(dialect, ajv);
  }
  try {
    return ajv.compile(schema);
  } catch (err) {
    if (err instanceof Error && /already exists/.test(err.message)) {
      return newAjv(dialect).compile(schema);
    }
    throw err;
  }
}

function compile(chart: Chart, bytes: Buffer): ValidateFunction {
  const cached = compiled.get(bytes);
  if (cached) return cached;
  let schema: unknown;
  try {
    schema = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw chartError(chart, "is not valid JSON", err);
  }
  if (typeof schema === "boolean") schema = schema ? {} : { not: {} };
  if (!isValuesMap(schema)) {
    throw chartError(chart, "is not a JSON Schema", new Error("the document must be an object"));
  }
  // Draft-04/06 and unknown dialects are read as draft-07, the closest ajv knows.
  const dialect = typeof schema.$schema === "string" ? schema.$schema : "";
  // ajv knows each dialect only by its exact http:// id; charts often write https:// or drop the "#".
  const known =
    /^http:\/\/json-schema\.org\/draft-07\/schema#?$|^https:\/\/json-schema\.org\/draft\/(2019-09|2020-12)\/schema$/;
  if (dialect && !known.test(dialect)) {
    schema = { ...schema };
    delete (schema as Values).$schema;
  }
  let validate: ValidateFunction;
  try {
    validate = compileSchema(schema as Values);
  } catch (err) {
    if (err instanceof SchemaPatternError) {
      throw chartError(
        chart,
        "is not a valid JSON Schema",
        locatePatternError(err, schema),
        `fix ${SCHEMA_FILE} in ${chart.source}: patterns are RE2 (Go's regexp, as helm's) — no lookaround or backreferences`,
      );
    }
    throw chartError(chart, "is not a valid JSON Schema", err);
  }
  compiled.set(bytes, validate);
  return validate;
}

/** Unescapes a JSON Pointer and spells it as Helm does: `image.tag`, `ports[0]`. */
function formatPath(data: unknown, pointer: string): string {
  if (pointer === "") return "(root)";
  let out = "";
  let current: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      out += `[${segment}]`;
      current = current[Number(segment)];
    } else {
      out += out === "" ? segment : `.${segment}`;
      current = isValuesMap(current) ? getOwn(current, segment) : undefined;
    }
  }
  return out;
}

function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === "") return data;
  let current: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isValuesMap(current)) current = getOwn(current, segment);
    else return undefined;
  }
  return current;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "object") return "object";
  return typeof value;
}

function expectedTypes(type: unknown): string {
  const types = Array.isArray(type) ? type.map(String) : String(type).split(",");
  return types.length === 1 ? (types[0] ?? "") : `[${types.join(",")}]`;
}

const COMPARISON: Record<string, string> = {
  ">=": "greater than or equal to",
  ">": "greater than",
  "<=": "less than or equal to",
  "<": "less than",
};

/** One ajv error in gojsonschema's words (what Helm printed for years). */
function describeError(error: ErrorObject, data: unknown): string {
  const p = error.params as Record<string, unknown>;
  const value = valueAt(data, error.instancePath);
  switch (error.keyword) {
    case "type":
      return `Invalid type. Expected: ${expectedTypes(p.type)}, given: ${jsonType(value)}`;
    case "required":
      return `${String(p.missingProperty)} is required`;
    case "additionalProperties":
      return `Additional property ${String(p.additionalProperty)} is not allowed`;
    case "unevaluatedProperties":
      return `Additional property ${String(p.unevaluatedProperty)} is not allowed`;
    case "enum":
      return `must be one of the following: ${((p.allowedValues as unknown[]) ?? [])
        .map((v) => JSON.stringify(v))
        .join(", ")}`;
    case "const":
      return `does not match: ${JSON.stringify(p.allowedValue)}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `Must be ${COMPARISON[String(p.comparison)] ?? String(p.comparison)} ${String(p.limit)}`;
    case "multipleOf":
      return `Must be a multiple of ${String(p.multipleOf)}`;
    case "minLength":
      return `String length must be greater than or equal to ${String(p.limit)}`;
    case "maxLength":
      return `String length must be less than or equal to ${String(p.limit)}`;
    case "pattern":
      return `Does not match pattern '${String(p.pattern)}'`;
    case "format":
      return `Does not match format '${String(p.format)}'`;
    case "minItems":
      return `Array must have at least ${String(p.limit)} items`;
    case "maxItems":
      return `Array must have at most ${String(p.limit)} items`;
    case "uniqueItems":
      return `array items[${String(p.j)},${String(p.i)}] must be unique`;
    case "minProperties":
      return `Must have at least ${String(p.limit)} properties`;
    case "maxProperties":
      return `Must have at most ${String(p.limit)} properties`;
    case "anyOf":
      return "Must validate at least one schema (anyOf)";
    case "oneOf":
      return "Must validate one and only one schema (oneOf)";
    case "not":
      return "Must not validate the schema (not)";
    case "if":
      return `Must validate "${String(p.failingKeyword)}" as "if" was ${
        p.failingKeyword === "then" ? "valid" : "not valid"
      }`;
    case "false schema":
      return "False always fails validation";
    case "contains":
      return "At least one of the items must match";
    case "dependencies":
    case "dependentRequired":
      return `Has a dependency on ${String(p.deps)}`;
    default: {
      const message = error.message ?? error.keyword;
      return message.charAt(0).toUpperCase() + message.slice(1);
    }
  }
}

interface Failure {
  chart: string;
  lines: string[];
}

function collect(chart: Chart, values: Values, failures: Failure[]): void {
  if (chart.schema !== null && chart.schema !== undefined) {
    const validate = compile(chart, chart.schema);
    if (!validate(values)) {
      const lines: string[] = [];
      for (const error of validate.errors ?? []) {
        const line = `${formatPath(values, error.instancePath)}: ${describeError(error, values)}`;
        if (!lines.includes(line)) lines.push(line);
      }
      failures.push({ chart: chart.metadata.name, lines });
    }
  }
  for (const sub of chart.dependencies) {
    const section = getOwn(values, sub.metadata.name);
    collect(sub, isValuesMap(section) ? section : {}, failures);
  }
}

/**
 * Validates coalesced values against values.schema.json of the chart and of each
 * subchart in `chart.dependencies` (pass the chart applyDependencyConditions
 * returned, so disabled subcharts are skipped). Throws one ValuesError listing every
 * failing path, one per line, as `chart: path: problem`.
 */
export function validateValues(chart: Chart, values: Values): void {
  const failures: Failure[] = [];
  collect(chart, plainValues(values), failures);
  if (failures.length === 0) return;
  const names = [...new Set(failures.map((f) => f.chart))].join(", ");
  const details = failures.flatMap((f) => f.lines.map((line) => `${f.chart}: ${line}`)).join("\n");
  throw new ValuesError(
    `values don't meet the specifications of the schema(s) in the following chart(s): ${names}`,
    { details, hint: `each line names a chart, a value path and what its ${SCHEMA_FILE} expects` },
  );
}
