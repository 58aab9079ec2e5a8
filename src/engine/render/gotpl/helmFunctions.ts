/**
 * helm's template functions on top of Sprig (pkg/engine/funcs.go and engine.go initFunMap):
 * include, tpl, required, fail, lookup, the YAML/JSON/TOML helpers, and getHostByName
 * answering "" as helm does unless DNS lookups are enabled.
 */
import { sprigFuncs } from "../../gotemplate/funcs/index.js";
import { FuncError, type FuncDef, type FuncMap } from "../../gotemplate/funcs/types.js";
import type { ParsedText, TemplateSet } from "../../gotemplate/template.js";
import type { GoMap, GoValue } from "../../gotemplate/value.js";
import { yamlFuncs } from "../../yaml/templateFuncs.js";
import { quote as goQuote } from "../../gotemplate/strconv.js";
import { warnWrap } from "./helmErrors.js";

/** helm's limit on how deeply one named template may include itself. */
const RECURSION_MAX = 1000;

/**
 * wheelhouse's limit on nested `tpl` calls. helm has none: a chart whose values feed tpl to itself
 * crashes helm with a Go stack overflow; wheelhouse stops with an error instead.
 */
const TPL_DEPTH_MAX = 1000;

/**
 * What `lookup` reads: one object (`name` given) or a List of them, as helm returns them — an
 * empty map when nothing is found or no cluster is asked (`template`, client dry-run).
 */
export type LookupFunction = (
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
) => GoMap;

export const offlineLookup: LookupFunction = () => ({});

/** The name helm gives the root template: `tpl` parses its text under it. */
export const ROOT_TEMPLATE = "gotpl";

const str = (v: GoValue): string => (typeof v === "string" ? v : "");

/**
 * Sprig + helm's static functions; include/tpl/lookup are bound per render by `bindRenderFuncs`.
 * In lint mode, as helm's, `required` and `fail` let the render go on (with "").
 */
function staticFuncs(lintMode: boolean): FuncMap {
  return {
    ...sprigFuncs,
    ...yamlFuncs,
    required: {
      params: ["string", "any"],
      fn: (warn, val) => {
        if (val === undefined || val === null || val === "") {
          if (lintMode) return "";
          throw new FuncError(warnWrap(str(warn)));
        }
        return val;
      },
    },
    fail: {
      params: ["string"],
      fn: (msg) => {
        if (lintMode) return "";
        throw new FuncError(warnWrap(str(msg)));
      },
    },
    getHostByName: { params: ["string"], fn: () => "" },
  };
}

/** Placeholders with the right arity so templates parse before a render binds them. */
const placeholders: FuncMap = {
  include: { params: ["string", "any"], fn: () => "not implemented" },
  tpl: { params: ["string", "any"], fn: () => "not implemented" },
  lookup: { params: ["string", "string", "string", "string"], fn: () => ({}) },
};

export function helmFuncMap(options: { lintMode?: boolean } = {}): FuncMap {
  return { ...staticFuncs(options.lintMode === true), ...placeholders };
}

/**
 * Binds include, tpl and lookup to one template set, as helm's initFunMap closes over its
 * template: `include` counts nesting per name (helm's recursion limit), `tpl` parses its text in
 * a clone of the set so its defines stay local, and both see the other.
 */
export function bindRenderFuncs(
  set: TemplateSet,
  lookup: LookupFunction,
  includedNames: Map<string, number> = new Map(),
  tplTexts: Map<string, ParsedText> = new Map(),
  tplDepth: { current: number } = { current: 0 },
): void {
  const include: FuncDef = {
    params: ["string", "any"],
    fn: (name, data) => {
      const n = str(name);
      const depth = includedNames.get(n) ?? 0;
      if (depth > RECURSION_MAX) {
        throw new FuncError(
          `rendering template has a nested reference name: ${n}: unable to execute template`,
        );
      }
      includedNames.set(n, depth + 1);
      try {
        return set.execute(n, data);
      } finally {
        includedNames.set(n, (includedNames.get(n) ?? 1) - 1);
      }
    },
  };
  const tpl: FuncDef = {
    params: ["string", "any"],
    fn: (text, data) => {
      const source = str(text);
      if (tplDepth.current >= TPL_DEPTH_MAX) {
        throw new FuncError(
          `tpl calls are nested more than ${TPL_DEPTH_MAX} deep (a value that renders itself through tpl?)`,
        );
      }
      const clone = set.clone();
      clone.setMissingKey("zero");
      bindRenderFuncs(clone, lookup, includedNames, tplTexts, tplDepth);
      // Charts pass the same values through tpl again and again: parse each text once per render.
      let parsed = tplTexts.get(source);
      if (!parsed) {
        try {
          parsed = clone.parseText(ROOT_TEMPLATE, source);
        } catch (err) {
          throw new FuncError(
            `cannot parse template ${goQuote(source)}: ${(err as Error).message}`,
          );
        }
        tplTexts.set(source, parsed);
      }
      clone.add(parsed);
      let out: string;
      tplDepth.current++;
      try {
        out = clone.executeParsed(parsed, data);
      } catch (err) {
        throw new FuncError(
          `error during tpl function execution for ${goQuote(source)}: ${(err as Error).message}`,
        );
      } finally {
        tplDepth.current--;
      }
      return out.replaceAll("<no value>", "");
    },
  };
  set.addFuncs({
    include,
    tpl,
    lookup: {
      params: ["string", "string", "string", "string"],
      fn: (apiVersion: GoValue, kind: GoValue, namespace: GoValue, name: GoValue) =>
        lookup(str(apiVersion), str(kind), str(namespace), str(name)),
    },
  });
}
