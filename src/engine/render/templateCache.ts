import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type Handlebars from "handlebars";
import { handlebars } from "./handlebarsModule.js";

/**
 * Handlebars' code generator dominates a cold render (most of a second for a
 * 200-template chart), and every CLI run is a cold start. Generated template
 * code is kept on disk, keyed by the template source and the Handlebars
 * version, in the user's cache folder; a miss or any I/O problem just
 * compiles as usual.
 */
export interface TemplateCache {
  get(source: string): string | undefined;
  set(source: string, spec: string): void;
}

const version = (): string => `handlebars-${handlebars().VERSION}-wheelhouse-1`;

export function diskTemplateCache(env: NodeJS.ProcessEnv = process.env): TemplateCache | undefined {
  if (env.WHEELHOUSE_TEMPLATE_CACHE === "off") return undefined;
  const base =
    env.WHEELHOUSE_TEMPLATE_CACHE ||
    join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "wheelhouse", "templates");
  const path = (source: string) =>
    join(
      base,
      `${createHash("sha256").update(version()).update("\0").update(source).digest("hex")}.js`,
    );
  let writable = true;
  return {
    get(source) {
      try {
        return readFileSync(path(source), "utf8");
      } catch {
        return undefined;
      }
    },
    set(source, spec) {
      if (!writable) return;
      try {
        mkdirSync(base, { recursive: true, mode: 0o700 });
        const target = path(source);
        const temp = `${target}.${process.pid}.tmp`;
        writeFileSync(temp, spec, { mode: 0o600 });
        renameSync(temp, target);
      } catch {
        writable = false; // a read-only home: compile every time, quietly
      }
    },
  };
}

/** Turns precompiled template code back into what `env.template` takes. */
export function specFromSource(spec: string): TemplateSpecification {
  return new Function(`return ${spec};`)() as TemplateSpecification;
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];
