/**
 * Version constraints as Masterminds/semver v3.4.0 parses and checks them: `||` alternatives of
 * AND groups (separated by spaces or commas), operators = != > < >= => <= =< ~ ~> ^, wildcards
 * x/X/* and `A - B` ranges. A version with a pre-release only satisfies an AND group in which some
 * constraint names a pre-release — so ">=1.21-0" matches "1.21.3-eks.1" but ">=1.21" does not.
 */
import { compareVersions, comparePrerelease, parseVersion, type Version } from "./version.js";

// Go's \s is [\t\n\f\r ] (ASCII), narrower than JavaScript's.
const S = "[\\t\\n\\f\\r ]";
const CV =
  "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?" +
  "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?" +
  "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
// The empty alternative is deliberate (a bare version means "=" or, with wildcards, "~").
const OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";

const CONSTRAINT = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`);
const RANGE = new RegExp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`, "g");
const FIND = new RegExp(`(${OPS})${S}*(${CV})`, "g");
const VALID = new RegExp(
  `^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`,
);

type Op = "" | "=" | "!=" | ">" | "<" | ">=" | "=>" | "<=" | "=<" | "~" | "~>" | "^";

interface Single {
  con: Version;
  orig: string;
  op: Op;
  minorDirty: boolean;
  patchDirty: boolean;
  dirty: boolean;
}

/** A check result: undefined = satisfied, else Masterminds' reason. */
type Reason = string | undefined;

export class ConstraintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConstraintError";
  }
}

export class Constraints {
  /** Set to check pre-releases against every group (Masterminds' IncludePrerelease). */
  includePrerelease = false;

  constructor(
    private readonly groups: Single[][],
    private readonly containsPre: boolean[],
    private readonly source: string,
  ) {}

  check(v: Version): boolean {
    return this.groups.some((group, i) => {
      const pre = this.includePrerelease || this.containsPre[i]!;
      return group.every((c) => checkOne(v, c, pre) === undefined);
    });
  }

  /** Masterminds' Validate: whether v satisfies, and every reason it does not. */
  validate(v: Version): [boolean, string[]] {
    const reasons: string[] = [];
    let preReported = false;
    for (let i = 0; i < this.groups.length; i++) {
      const pre = this.includePrerelease || this.containsPre[i]!;
      let ok = true;
      for (const c of this.groups[i]!) {
        if (!pre && v.prerelease !== "") {
          if (!preReported) {
            reasons.push(prereleaseReason(v));
            preReported = true;
          }
          ok = false;
        } else {
          const reason = checkOne(v, c, pre);
          if (reason !== undefined) {
            reasons.push(reason);
            ok = false;
          }
        }
      }
      if (ok) return [true, []];
    }
    return [false, reasons];
  }

  /** Masterminds' String(): groups joined with " || ", constraints with spaces. */
  toString(): string {
    return this.groups.map((g) => g.map((c) => c.op + c.orig).join(" ")).join(" || ");
  }

  /** The text the constraints were parsed from. */
  get original(): string {
    return this.source;
  }
}

/** Masterminds' NewConstraint; throws ConstraintError("improper constraint: ...") on bad input. */
export function parseConstraint(text: string): Constraints {
  const c = rewriteRange(text);
  const ors = c.split("||");
  const groups: Single[][] = [];
  const hasPre: boolean[] = [];
  for (const v of ors) {
    if (!VALID.test(v)) throw new ConstraintError(`improper constraint: ${v}`);
    const found = [...v.matchAll(FIND)].map((m) => m[0]);
    if (found.length === 0) found.push(v);
    const group = found.map(parseSingle);
    hasPre.push(group.some((s) => s.con.prerelease !== ""));
    groups.push(group);
  }
  return new Constraints(groups, hasPre, text);
}

/** parseConstraint, or undefined when the text is not a constraint. */
export function tryParseConstraint(text: string): Constraints | undefined {
  try {
    return parseConstraint(text);
  } catch {
    return undefined;
  }
}

/** Whether `version` satisfies `constraint` (false when either does not parse). */
export function satisfies(version: string | Version, constraint: string | Constraints): boolean {
  const c = typeof constraint === "string" ? tryParseConstraint(constraint) : constraint;
  if (c === undefined) return false;
  if (typeof version !== "string") return c.check(version);
  try {
    return c.check(parseVersion(version));
  } catch {
    return false;
  }
}

function rewriteRange(text: string): string {
  const matches = [...text.matchAll(RANGE)];
  let out = text;
  for (const m of matches) out = out.replace(m[0], `>= ${m[1]!}, <= ${m[11]!} `);
  return out;
}

const isX = (s: string): boolean => s === "x" || s === "*" || s === "X";

function parseSingle(c: string): Single {
  if (c.length === 0) {
    return {
      con: parseVersion("0.0.0"),
      orig: c,
      op: "",
      minorDirty: false,
      patchDirty: false,
      dirty: true,
    };
  }
  const m = CONSTRAINT.exec(c);
  if (m === null) throw new ConstraintError(`improper constraint: ${c}`);
  const major = m[3] ?? "";
  const minor = m[4] ?? "";
  const patch = m[5] ?? "";
  const pre = m[6] ?? "";
  let ver = m[2]!;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(major) || major === "") {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.slice(1)) || minor === "") {
    minorDirty = true;
    dirty = true;
    ver = `${major}.0.0${pre}`;
  } else if (isX(patch.slice(1)) || patch === "") {
    dirty = true;
    patchDirty = true;
    ver = `${major}${minor}.0${pre}`;
  }
  let con: Version;
  try {
    con = parseVersion(ver);
  } catch {
    // e.g. "1|2": the pattern lets "|" through but it is no number.
    throw new ConstraintError("constraint parser error");
  }
  return { con, orig: m[2]!, op: m[1] as Op, minorDirty, patchDirty, dirty };
}

const prereleaseReason = (v: Version): string =>
  `${v.toString()} is a prerelease version and the constraint is only looking for release versions`;

function checkOne(v: Version, c: Single, includePre: boolean): Reason {
  if (v.prerelease !== "" && !includePre) return prereleaseReason(v);
  switch (c.op) {
    case "":
    case "=":
      if (c.dirty) return tilde(v, c);
      return compareVersions(v, c.con) === 0 ? undefined : `${v} is not equal to ${c.orig}`;
    case "!=":
      return notEqual(v, c);
    case ">":
      return greaterThan(v, c);
    case "<":
      return compareVersions(v, c.con) < 0
        ? undefined
        : `${v} is greater than or equal to ${c.orig}`;
    case ">=":
    case "=>":
      return compareVersions(v, c.con) >= 0 ? undefined : `${v} is less than ${c.orig}`;
    case "<=":
    case "=<":
      return lessThanEqual(v, c);
    case "~":
    case "~>":
      return tilde(v, c);
    case "^":
      return caret(v, c);
  }
}

function notEqual(v: Version, c: Single): Reason {
  const equal = `${v} is equal to ${c.orig}`;
  if (c.dirty) {
    if (c.con.major !== v.major) return undefined;
    if (c.con.minor !== v.minor && !c.minorDirty) return undefined;
    if (c.minorDirty) return equal;
    if (c.con.patch !== v.patch && !c.patchDirty) return undefined;
    if (c.patchDirty) {
      if (v.prerelease !== "" || c.con.prerelease !== "")
        return comparePrerelease(v.prerelease, c.con.prerelease) !== 0 ? undefined : equal;
      return equal;
    }
  }
  return compareVersions(v, c.con) === 0 ? equal : undefined;
}

function greaterThan(v: Version, c: Single): Reason {
  const fail = `${v} is less than or equal to ${c.orig}`;
  if (!c.dirty) return compareVersions(v, c.con) === 1 ? undefined : fail;
  if (v.major > c.con.major) return undefined;
  if (v.major < c.con.major) return fail;
  // ">11" wants 12 or later; ">11.1" wants 11.2 or later.
  if (c.minorDirty) return fail;
  if (c.patchDirty) return v.minor > c.con.minor ? undefined : fail;
  return compareVersions(v, c.con) === 1 ? undefined : fail;
}

function lessThanEqual(v: Version, c: Single): Reason {
  const fail = `${v} is greater than ${c.orig}`;
  if (!c.dirty) return compareVersions(v, c.con) <= 0 ? undefined : fail;
  if (v.major > c.con.major) return fail;
  if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return fail;
  return undefined;
}

// ~1.2.3 → >=1.2.3 <1.3.0; ~1 / ~1.x → >=1.0.0 <2.0.0; ~0.0.0 / ~* → anything.
function tilde(v: Version, c: Single): Reason {
  if (compareVersions(v, c.con) < 0) return `${v} is less than ${c.orig}`;
  if (c.con.major === 0 && c.con.minor === 0 && c.con.patch === 0 && !c.minorDirty && !c.patchDirty)
    return undefined;
  if (v.major !== c.con.major) return `${v} does not have same major version as ${c.orig}`;
  if (v.minor !== c.con.minor && !c.minorDirty)
    return `${v} does not have same major and minor version as ${c.orig}`;
  return undefined;
}

// ^1.2.3 → <2.0.0; ^0.2.3 → <0.3.0; ^0.0.3 → =0.0.3; ^0 → <1.0.0; ^0.0 → <0.1.0.
function caret(v: Version, c: Single): Reason {
  if (compareVersions(v, c.con) < 0) return `${v} is less than ${c.orig}`;
  const sameMajor = `${v} does not have same major version as ${c.orig}`;
  if (c.con.major > 0 || c.minorDirty) return v.major === c.con.major ? undefined : sameMajor;
  if (v.major > 0) return sameMajor;
  if (c.con.minor > 0 || c.patchDirty)
    return v.minor === c.con.minor
      ? undefined
      : `${v} does not have same minor version as ${c.orig}. Expected minor versions to match when constraint major version is 0`;
  if (v.minor > 0) return `${v} does not have same minor version as ${c.orig}`;
  return c.con.patch === v.patch
    ? undefined
    : `${v} does not equal ${c.orig}. Expect version and constraint to equal when major and minor versions are 0`;
}

/**
 * Helm's chartutil.IsCompatibleRange: the version parses (loosely), the constraint parses, and
 * the version satisfies it — false in every other case.
 */
export function isCompatibleRange(constraint: string, version: string): boolean {
  return satisfies(version, constraint);
}
