import type Handlebars from "handlebars";
import { cacheKey, openPrivateDir, userCacheDir, type PrivateDir } from "../cache/privateFiles.js";
import { handlebars } from "./handlebarsModule.js";

/**
 * Handlebars' parser and code generator dominate a cold render, and every CLI run is a cold
 * start, so the generated code of a chart's templates is kept on disk: one file per chart name
 * (one read and at most one write however many templates), holding each template's code under
 * a hash of its source and the Handlebars version, so that an edited template is the only one
 * compiled again. The file is code that is run, so it lives in the user's private cache folder
 * (../cache/privateFiles.ts). A miss, a damaged file or any I/O problem just compiles as usual.
 */
export interface TemplateCache {
  /** The chart's stored template code; `save` writes back what was compiled since. */
  open(chart: string): ChartTemplates;
}

export interface ChartTemplates {
  /** The template's stored code, ready for `env.template`. */
  get(source: string): TemplateSpecification | undefined;
  /** Records a template's code (`spec`, as Handlebars' precompile returns it). */
  set(source: string, spec: string): void;
  /** Writes the file if anything was compiled, keeping only this run's templates. */
  save(): void;
}

const version = (): string => `handlebars-${handlebars().VERSION}-wheelhouse-2`;

export function diskTemplateCache(env: NodeJS.ProcessEnv = process.env): TemplateCache | undefined {
  if (env.WHEELHOUSE_TEMPLATE_CACHE === "off") return undefined;
  const path = env.WHEELHOUSE_TEMPLATE_CACHE || userCacheDir("templates", env);
  let dir: PrivateDir | undefined | null = null;
  const privateDir = () => (dir === null ? (dir = openPrivateDir(path)) : dir);
  return {
    open(chart) {
      const file = `${cacheKey(version(), chart)}.json`;
      const stored = readEntries(privateDir(), file);
      const used: Record<string, string> = {};
      let compiled = false;
      return {
        get(source) {
          const key = cacheKey(version(), source);
          const spec = stored && Object.hasOwn(stored, key) ? stored[key] : undefined;
          if (typeof spec !== "string") return undefined;
          try {
            const parsed = specFromSource(spec);
            used[key] = spec;
            return parsed;
          } catch {
            return undefined; // damaged: compiled again and rewritten
          }
        },
        set(source, spec) {
          used[cacheKey(version(), source)] = spec;
          compiled = true;
        },
        save() {
          if (compiled) privateDir()?.write(file, JSON.stringify(used));
        },
      };
    },
  };
}

function readEntries(
  dir: PrivateDir | undefined,
  file: string,
): Record<string, unknown> | undefined {
  const text = dir?.read(file)?.toString("utf8");
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === "object"
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Turns precompiled template code back into what `env.template` takes. */
export function specFromSource(spec: string): TemplateSpecification {
  return new Function(`return ${spec};`)() as TemplateSpecification;
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];
