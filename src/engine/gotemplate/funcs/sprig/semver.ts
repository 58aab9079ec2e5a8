/**
 * Sprig's `semver` and `semverCompare` over Masterminds/semver v3.4.0 (src/engine/semver), and the
 * `*semver.Version` templates get back: `{{ (semver "1.2.3").Major }}` works in helm.
 */
import type { Constraints, Version } from "../../../semver/index.js";
import { compareVersions, parseConstraint, parseVersion } from "../../../semver/index.js";
import { GoInt, GoObject, goFunction, type GoFunction, type GoValue } from "../../value.js";
import { FuncError, type FuncMap } from "../types.js";

/** Runs a semver operation, turning its error into the Go error sprig returns. */
function goErr<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new FuncError(e instanceof Error ? e.message : String(e));
  }
}

const method = goFunction;

/**
 * A semver.Version as a template value. `semver` returns a pointer (every method available);
 * IncMajor & co. return a struct value, which is not addressable in a template, so the methods
 * with pointer receivers (Original, Compare, LessThan, …) are not in its method set.
 */
export class SemverVersion extends GoObject {
  constructor(
    readonly version: Version,
    readonly pointer = true,
  ) {
    super();
  }

  get goType(): string {
    return this.pointer ? "*semver.Version" : "semver.Version";
  }

  override format(): string {
    return this.version.toString();
  }

  override toGo(): GoValue {
    // MarshalJSON / MarshalText print String().
    return this.version.toString();
  }

  override method(name: string): GoFunction | undefined {
    const v = this.version;
    const value = (f: () => GoValue): GoFunction => method(name, () => f());
    switch (name) {
      case "String":
        return value(() => v.toString());
      case "Major":
        return value(() => new GoInt(v.major, "uint64"));
      case "Minor":
        return value(() => new GoInt(v.minor, "uint64"));
      case "Patch":
        return value(() => new GoInt(v.patch, "uint64"));
      case "Prerelease":
        return value(() => v.prerelease);
      case "Metadata":
        return value(() => v.metadata);
      case "IncMajor":
        return value(() => new SemverVersion(v.incMajor(), false));
      case "IncMinor":
        return value(() => new SemverVersion(v.incMinor(), false));
      case "IncPatch":
        return value(() => new SemverVersion(v.incPatch(), false));
      case "SetPrerelease":
        return method(
          name,
          (s) =>
            new SemverVersion(
              goErr(() => v.setPrerelease(str(s))),
              false,
            ),
        );
      case "SetMetadata":
        return method(
          name,
          (s) =>
            new SemverVersion(
              goErr(() => v.setMetadata(str(s))),
              false,
            ),
        );
      case "MarshalText":
        return value(() => new TextEncoder().encode(v.toString()));
      case "MarshalJSON":
        return value(() => new TextEncoder().encode(JSON.stringify(v.toString())));
      case "Value":
        return value(() => v.toString());
    }
    if (!this.pointer) return undefined;
    switch (name) {
      case "Original":
        return value(() => v.original);
      case "Compare":
        return method(name, (o) => new GoInt(compareVersions(v, other(o)), "int"));
      case "LessThan":
        return method(name, (o) => compareVersions(v, other(o)) < 0);
      case "LessThanEqual":
        return method(name, (o) => compareVersions(v, other(o)) <= 0);
      case "GreaterThan":
        return method(name, (o) => compareVersions(v, other(o)) > 0);
      case "GreaterThanEqual":
        return method(name, (o) => compareVersions(v, other(o)) >= 0);
      case "Equal":
        return method(name, (o) => compareVersions(v, other(o)) === 0);
    }
    return undefined;
  }
}

function str(v: GoValue): string {
  if (typeof v !== "string")
    throw new FuncError(`can't handle ${String(v)} for arg of type string`);
  return v;
}

function other(o: GoValue): Version {
  if (o instanceof SemverVersion && o.pointer) return o.version;
  // text/template's wording for an argument of the wrong type.
  const shown = typeof o === "string" ? JSON.stringify(o) : String(o);
  throw new FuncError(`can't handle ${shown} for arg of type *semver.Version`);
}

// Charts call semverCompare with the same few constraints and versions in every template (e.g.
// capability helpers); parsing each once keeps that off the render's hot path.
const CACHE_LIMIT = 512;
const constraintCache = new Map<string, Constraints>();
const versionCache = new Map<string, Version>();

function cached<T>(cache: Map<string, T>, key: string, parse: (s: string) => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = parse(key); // throws for bad input, which is not cached
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}
const cachedConstraint = (s: string): Constraints => cached(constraintCache, s, parseConstraint);
const cachedVersion = (s: string): Version => cached(versionCache, s, parseVersion);

export const semverFuncs: FuncMap = {
  semver: {
    params: ["string"],
    fn: (version) => new SemverVersion(goErr(() => parseVersion(version as string))),
  },
  semverCompare: {
    params: ["string", "string"],
    fn: (constraint, version) =>
      goErr(() => cachedConstraint(constraint as string).check(cachedVersion(version as string))),
  },
};
