import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import type { Ajv, ErrorObject } from "ajv";
import { WheelhouseError } from "../../errors.js";
import { loadYaml } from "../../engine/yaml/load.js";
import { NO_SAFETY_RULES, type SafetyRules } from "../../state/contextSafety.js";

/** wheelhouse's own settings (README.md "Configuration"). */
export type UserConfig = SafetyRules;

const PATTERNS = {
  type: "array",
  items: { type: "string", minLength: 1 },
} as const;

const SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: { readonlyContexts: PATTERNS, protectedContexts: PATTERNS },
} as const;

/** `$XDG_CONFIG_HOME/wheelhouse/config.yaml`, else `~/.config/wheelhouse/config.yaml`. */
export function userConfigPath(env: NodeJS.ProcessEnv): string {
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(configHome, "wheelhouse", "config.yaml");
}

/** The user's config; none is no rules. A file that is not valid says where, by line. */
export function readUserConfig(env: NodeJS.ProcessEnv): UserConfig {
  const file = userConfigPath(env);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return NO_SAFETY_RULES;
    throw configError(file, undefined, `cannot be read: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = loadYaml(text, { json: true, maxBytes: 1024 * 1024 }) ?? {};
  } catch (err) {
    const mark = (err as { mark?: { line: number } }).mark;
    const reason = (err as { reason?: string }).reason ?? (err as Error).message;
    throw configError(file, mark ? mark.line + 1 : undefined, `is not YAML: ${reason}`);
  }
  const validate = ajv().compile(SCHEMA);
  if (!validate(doc)) {
    const error = validate.errors![0]!;
    throw configError(file, lineOf(text, error), describe(error));
  }
  const config = doc as Partial<UserConfig>;
  return {
    readonlyContexts: config.readonlyContexts ?? [],
    protectedContexts: config.protectedContexts ?? [],
  };
}

function ajv(): Ajv {
  const require = createRequire(import.meta.url);
  const { Ajv } = require("ajv") as { Ajv: new (options: object) => Ajv };
  return new Ajv({ allErrors: false });
}

function configError(file: string, line: number | undefined, what: string): WheelhouseError {
  return new WheelhouseError("config", `${file}${line ? `:${line}` : ""}: ${what}`, {
    hint: "see README.md, Configuration: readonlyContexts and protectedContexts, lists of context name patterns",
  });
}

function describe(error: ErrorObject): string {
  const at = error.instancePath ? error.instancePath.slice(1).replace(/\//g, ".") : "the file";
  if (error.keyword === "additionalProperties") {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    return `unknown setting "${key}" (known: readonlyContexts, protectedContexts)`;
  }
  if (error.keyword === "minLength") return `${at}: a pattern may not be empty`;
  return `${at} ${error.message ?? "is not valid"}`;
}

/**
 * The line an error is on. The settings are top-level keys holding lists of strings, so the
 * key's line, then its n-th `-` item (or the key's own line for a `[...]` list), is enough.
 */
function lineOf(text: string, error: ErrorObject): number | undefined {
  const lines = text.split("\n");
  const [key, index] = error.instancePath.split("/").slice(1);
  const name =
    error.keyword === "additionalProperties"
      ? (error.params as { additionalProperty: string }).additionalProperty
      : key;
  if (name === undefined) return undefined;
  const at = lines.findIndex((l) => new RegExp(`^["']?${escape(name)}["']?\\s*:`).test(l));
  if (at < 0) return undefined;
  if (index === undefined || lines[at]!.includes("[")) return at + 1;
  let seen = -1;
  for (let i = at + 1; i < lines.length; i++) {
    if (/^\S/.test(lines[i]!)) break;
    if (/^\s*-(\s|$)/.test(lines[i]!) && ++seen === Number(index)) return i + 1;
  }
  return at + 1;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
