/**
 * Semantic versions as Masterminds/semver v3.4.0 reads and orders them — the library helm uses for
 * `semverCompare`, chart `kubeVersion` constraints and dependency ranges. It differs from npm's
 * semver in ways charts notice: "1.2" and "v1" are versions (coerced to 1.2.0 / 1.0.0), build
 * metadata is kept, pre-release identifiers compare as the spec says but "-0" ranges opt in to
 * pre-releases per AND group (see constraints.ts).
 */

export class SemverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SemverError";
  }
}

// Masterminds' error values; their texts are what sprig prints.
export const ERR_INVALID_SEMVER = "invalid semantic version";
export const ERR_EMPTY_STRING = "version string empty";
export const ERR_INVALID_CHARACTERS = "invalid characters in version";
export const ERR_SEGMENT_STARTS_ZERO = "version segment starts with 0";
export const ERR_INVALID_METADATA = "invalid metadata string";
export const ERR_INVALID_PRERELEASE = "invalid prerelease string";

// NewVersion with CoerceNewVersion (the default) matches this loose form; leading zeros are allowed.
const LOOSE_VERSION =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const DIGITS = /^[0-9]*$/;
const IDENT = /^[0-9A-Za-z-]*$/;
const UINT64_MAX = 18446744073709551615n;

/** An immutable version; numbers above 2^53 lose precision (Go keeps uint64), no chart needs them. */
export class Version {
  constructor(
    readonly major: number,
    readonly minor: number,
    readonly patch: number,
    readonly prerelease: string,
    readonly metadata: string,
    /** The text parsed (for versions built by incMajor etc., Go's prefix + String()). */
    readonly original: string,
  ) {}

  /** Masterminds' String(): no "v" prefix, pre-release and metadata kept. */
  toString(): string {
    let s = `${this.major}.${this.minor}.${this.patch}`;
    if (this.prerelease !== "") s += `-${this.prerelease}`;
    if (this.metadata !== "") s += `+${this.metadata}`;
    return s;
  }

  compare(o: Version): number {
    return compareVersions(this, o);
  }

  private vPrefix(): string {
    return this.original.startsWith("v") ? "v" : "";
  }

  private derive(major: number, minor: number, patch: number, pre: string, meta: string): Version {
    const next = new Version(major, minor, patch, pre, meta, "");
    return new Version(major, minor, patch, pre, meta, this.vPrefix() + next.toString());
  }

  /** A pre-release's next patch is its release (1.2.3-rc → 1.2.3), as Masterminds does. */
  incPatch(): Version {
    const patch = this.prerelease !== "" ? this.patch : this.patch + 1;
    return this.derive(this.major, this.minor, patch, "", "");
  }
  incMinor(): Version {
    return this.derive(this.major, this.minor + 1, 0, "", "");
  }
  incMajor(): Version {
    return this.derive(this.major + 1, 0, 0, "", "");
  }
  setPrerelease(pre: string): Version {
    if (pre !== "") validatePrerelease(pre);
    return this.derive(this.major, this.minor, this.patch, pre, this.metadata);
  }
  setMetadata(meta: string): Version {
    if (meta !== "") validateMetadata(meta);
    return this.derive(this.major, this.minor, this.patch, this.prerelease, meta);
  }
}

function parseSegment(digits: string): number {
  if (BigInt(digits) > UINT64_MAX)
    throw new SemverError(
      `error parsing version segment: strconv.ParseUint: parsing "${digits}": value out of range`,
    );
  return Number(digits);
}

/** Masterminds' NewVersion: "v" prefix, missing minor/patch and leading zeros are accepted. */
export function parseVersion(v: string): Version {
  const m = LOOSE_VERSION.exec(v);
  if (m === null) throw new SemverError(ERR_INVALID_SEMVER);
  const pre = m[5] ?? "";
  const meta = m[8] ?? "";
  const major = parseSegment(m[1]!);
  const minor = m[2] !== undefined ? parseSegment(m[2].slice(1)) : 0;
  const patch = m[3] !== undefined ? parseSegment(m[3].slice(1)) : 0;
  if (pre !== "") validatePrerelease(pre);
  if (meta !== "") validateMetadata(meta);
  return new Version(major, minor, patch, pre, meta, v);
}

/** Masterminds' StrictNewVersion: exactly MAJOR.MINOR.PATCH, no prefix, no leading zeros. */
export function strictParseVersion(v: string): Version {
  if (v === "") throw new SemverError(ERR_EMPTY_STRING);
  const parts = splitN(v, ".", 3);
  if (parts.length !== 3) throw new SemverError(ERR_INVALID_SEMVER);
  let rest = parts[2]!;
  let meta = "";
  let pre = "";
  const plus = rest.indexOf("+");
  if (plus >= 0) {
    meta = rest.slice(plus + 1);
    rest = rest.slice(0, plus);
    validateMetadata(meta);
  }
  const dash = rest.indexOf("-");
  if (dash >= 0) {
    pre = rest.slice(dash + 1);
    rest = rest.slice(0, dash);
    validatePrerelease(pre);
  }
  const nums = [parts[0]!, parts[1]!, rest];
  for (const p of nums) {
    if (!DIGITS.test(p)) throw new SemverError(ERR_INVALID_CHARACTERS);
    if (p.length > 1 && p[0] === "0") throw new SemverError(ERR_SEGMENT_STARTS_ZERO);
  }
  // Go's ParseUint rejects the empty string ("1..2").
  for (const p of nums)
    if (p === "") throw new SemverError(`strconv.ParseUint: parsing "": invalid syntax`);
  const [major, minor, patch] = nums.map((p) => {
    if (BigInt(p) > UINT64_MAX)
      throw new SemverError(`strconv.ParseUint: parsing "${p}": value out of range`);
    return Number(p);
  }) as [number, number, number];
  return new Version(major, minor, patch, pre, meta, v);
}

/** Like parseVersion, but undefined for text that is not a version. */
export function tryParseVersion(v: string): Version | undefined {
  try {
    return parseVersion(v);
  } catch {
    return undefined;
  }
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** Identifiers are non-empty [0-9A-Za-z-]; numeric ones have no leading zero. */
export function validatePrerelease(p: string): void {
  for (const part of p.split(".")) {
    if (part === "") throw new SemverError(ERR_INVALID_PRERELEASE);
    if (DIGITS.test(part)) {
      if (part.length > 1 && part[0] === "0") throw new SemverError(ERR_SEGMENT_STARTS_ZERO);
    } else if (!IDENT.test(part)) throw new SemverError(ERR_INVALID_PRERELEASE);
  }
}

export function validateMetadata(m: string): void {
  for (const part of m.split(".")) {
    if (part === "" || !IDENT.test(part)) throw new SemverError(ERR_INVALID_METADATA);
  }
}

function cmpNum(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1; metadata is ignored and a pre-release sorts before its release. */
export function compareVersions(v: Version, o: Version): number {
  const d = cmpNum(v.major, o.major) || cmpNum(v.minor, o.minor) || cmpNum(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.prerelease === "" && o.prerelease === "") return 0;
  if (v.prerelease === "") return 1;
  if (o.prerelease === "") return -1;
  return comparePrerelease(v.prerelease, o.prerelease);
}

export function comparePrerelease(v: string, o: string): number {
  const sp = v.split(".");
  const op = o.split(".");
  const l = Math.max(sp.length, op.length);
  for (let i = 0; i < l; i++) {
    const d = comparePrePart(sp[i] ?? "", op[i] ?? "");
    if (d !== 0) return d;
  }
  return 0;
}

const UINT = /^[0-9]+$/;

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === "") return -1;
  if (o === "") return 1;
  // Numbers sort below identifiers with letters; Go's ParseUint decides what is a number.
  const sNum = UINT.test(s) && BigInt(s) <= UINT64_MAX;
  const oNum = UINT.test(o) && BigInt(o) <= UINT64_MAX;
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

/**
 * Newest-first order of version strings as helm sorts an index's ChartVersions (reversed
 * Masterminds LessThan); strings that do not parse go last.
 */
export function compareNewestFirst(a: string, b: string): number {
  const va = tryParseVersion(a);
  const vb = tryParseVersion(b);
  if (va === undefined || vb === undefined)
    return (va === undefined ? 1 : 0) - (vb === undefined ? 1 : 0);
  return compareVersions(vb, va);
}
