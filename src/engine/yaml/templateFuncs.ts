/**
 * helm's serialisation functions (pkg/engine/funcs.go) for the Go-template engine: toYaml,
 * mustToYaml, toYamlPretty, fromYaml, fromYamlArray, toJson, mustToJson, fromJson, fromJsonArray,
 * toToml, fromToml — each with helm's error behaviour (the non-must forms swallow errors; the
 * from* forms put the error text into the result).
 */
import type { GoMap, GoValue } from "../gotemplate/value.js";
import { FuncError, type FuncMap } from "../gotemplate/funcs/types.js";
import { marshalJson } from "./json.js";
import { parseGoJsonArray, parseGoJsonMap, JsonSyntaxError } from "./jsonDecode.js";
import { toHelmYaml } from "./marshal.js";
import { toHelmYamlPretty } from "./pretty.js";
import { HelmYamlError } from "./errors.js";
import { readHelmYamlArray, readHelmYamlMap } from "./read.js";
import { toToml } from "./toml.js";
import { fromToml } from "./tomlDecode.js";

function trimNewline(s: string): string {
  return s.endsWith("\n") ? s.slice(0, -1) : s;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Strings reach these functions as Go strings; other values print as text/template would refuse. */
function str(v: GoValue): string {
  return typeof v === "string" ? v : String(v ?? "");
}

function errorMap(value: GoMap, err: string): GoMap {
  const m: GoMap = { ...value };
  m.Error = err;
  return m;
}

export const yamlFuncs: FuncMap = {
  toYaml: {
    params: ["any"],
    fn: (v) => {
      try {
        return trimNewline(toHelmYaml(v));
      } catch {
        return "";
      }
    },
  },
  mustToYaml: {
    params: ["any"],
    fn: (v) => {
      try {
        return trimNewline(toHelmYaml(v));
      } catch (err) {
        throw new FuncError(message(err));
      }
    },
  },
  toYamlPretty: {
    params: ["any"],
    fn: (v) => {
      try {
        return trimNewline(toHelmYamlPretty(v));
      } catch {
        return "";
      }
    },
  },
  fromYaml: {
    params: ["string"],
    fn: (s) => {
      try {
        return readHelmYamlMap(str(s)) as GoMap;
      } catch (err) {
        if (err instanceof HelmYamlError) return { Error: err.message };
        throw err;
      }
    },
  },
  fromYamlArray: {
    params: ["string"],
    fn: (s) => {
      try {
        return readHelmYamlArray(str(s)) as GoValue[];
      } catch (err) {
        if (err instanceof HelmYamlError) return [err.message];
        throw err;
      }
    },
  },
  toJson: {
    params: ["any"],
    fn: (v) => {
      try {
        return marshalJson(v);
      } catch {
        return "";
      }
    },
  },
  mustToJson: {
    params: ["any"],
    fn: (v) => {
      try {
        return marshalJson(v);
      } catch (err) {
        throw new FuncError(message(err));
      }
    },
  },
  fromJson: {
    params: ["string"],
    fn: (s) => {
      try {
        const { value, error } = parseGoJsonMap(str(s));
        return error === undefined ? (value as GoMap) : errorMap(value as GoMap, error);
      } catch (err) {
        if (err instanceof JsonSyntaxError) return { Error: err.message };
        throw err;
      }
    },
  },
  fromJsonArray: {
    params: ["string"],
    fn: (s) => {
      try {
        const { value, error } = parseGoJsonArray(str(s));
        return error === undefined ? (value as GoValue[]) : [error];
      } catch (err) {
        if (err instanceof JsonSyntaxError) return [err.message];
        throw err;
      }
    },
  },
  toToml: {
    params: ["any"],
    fn: (v) => {
      try {
        return toToml(v);
      } catch (err) {
        // helm returns the encoder's error text as the result.
        return message(err);
      }
    },
  },
  fromToml: {
    params: ["string"],
    fn: (s) => {
      const { value, error } = fromToml(str(s));
      return error === undefined ? value : errorMap(value, error);
    },
  },
};
