import type Handlebars from "handlebars";
import { cacheNotice } from "../cache/notices.js";
import { cacheKey, userCacheDir } from "../cache/privateFiles.js";
import { openCodeCache, type CodeCache } from "../cache/signedCache.js";
import { handlebars } from "./handlebarsModule.js";

/**
 * Handlebars' parser and code generator dominate a cold render, and every CLI run is a cold
 * start, so the generated code of a chart's templates is kept on disk: one file per chart name
 * (one read and at most one write however many templates), holding each template's code under
 * a hash of its source and the Handlebars version, so that an edited template is the only one
 * compiled again. The file is code that is run, so it is kept as the CLI's V8 code cache is
 * (../cache/signedCache.ts: a private folder, entries signed with the user's key). A miss, a
 * damaged file or any I/O problem just compiles as usual; a folder or file that is not safe to
 * use is said once (../cache/notices.ts) and compiled past.
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

// -3: signed entries; the unsigned files of -2 have other names and are never read.
const version = (): string => `handlebars-${handlebars().VERSION}-wheelhouse-3`;

export function diskTemplateCache(
  env: NodeJS.ProcessEnv = process.env,
  notify: (message: string) => void = cacheNotice,
): TemplateCache | undefined {
  if (env.WHEELHOUSE_TEMPLATE_CACHE === "off") return undefined;
  const path = env.WHEELHOUSE_TEMPLATE_CACHE || userCacheDir("templates", env);
  const onRefused = (r: { path: string; reason: string }) =>
    notify(`ignoring template cache ${r.path}: ${r.reason}`);
  let dir: CodeCache | undefined | null = null;
  const privateDir = () => (dir === null ? (dir = openCodeCache(path, { env, onRefused })) : dir);
  return {
    open(chart) {
      const file = templateCacheFile(chart);
      const stored = readEntries(privateDir(), file);
      const used: Record<string, string> = {};
      let compiled = false;
      return {
        get(source) {
          const key = templateKey(source);
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
          used[templateKey(source)] = spec;
          compiled = true;
        },
        save() {
          if (compiled) privateDir()?.write(file, JSON.stringify(used));
        },
      };
    },
  };
}

/** The file holding a chart's templates; anyone can compute it, so it proves nothing. */
export const templateCacheFile = (chart: string): string => `${cacheKey(version(), chart)}.json`;
/** A template's key in its chart's file. */
export const templateKey = (source: string): string => cacheKey(version(), source);

function readEntries(
  dir: CodeCache | undefined,
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
