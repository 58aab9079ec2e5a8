import {
  compareVersions,
  strictParseVersion,
  tryParseConstraint,
  tryParseVersion,
  type Version,
} from "../semver/index.js";
import { RegistryError } from "./errors.js";
import { versionForTag } from "./reference.js";

/**
 * The chart versions among a repository's tags, newest first — helm's registry Client.Tags:
 * "_" read back as "+", tags that are not strict SemVer (latest, sha-…) left out.
 */
export function chartVersionsOf(tags: string[]): string[] {
  const parsed: [string, Version][] = [];
  for (const tag of tags) {
    const version = versionForTag(tag);
    try {
      parsed.push([version, strictParseVersion(version)]);
    } catch {
      // not a chart version
    }
  }
  return parsed.sort((a, b) => compareVersions(b[1], a[1])).map(([v]) => v);
}

/** Whether --version names one version (helm then fetches that tag without listing tags). */
export function isExactVersion(version: string): boolean {
  return tryParseVersion(version) !== undefined;
}

/**
 * helm's GetTagMatchingVersionOrConstraint: an exact match first, else the newest version the
 * constraint accepts ("*" — stable only — when none is given; `devel` makes it ">0.0.0-0").
 */
export function pickVersion(
  versions: string[],
  requested: string | undefined,
  devel: boolean,
  where: string,
): string {
  const range = requested || (devel ? ">0.0.0-0" : "*");
  if (requested && versions.includes(requested)) return requested;
  const constraint = tryParseConstraint(range);
  if (!constraint) throw new RegistryError(`--version "${range}" is neither a version nor a range`);
  const found = versions.find((v) => constraint.check(strictParseVersion(v)));
  if (found !== undefined) return found;
  const shown = versions.slice(0, 5).join(", ");
  throw new RegistryError(
    versions.length === 0
      ? `${where} has no chart versions (no SemVer tags)`
      : `${where} has no version matching ${requested || "a stable release"}`,
    {
      ...(versions.length
        ? { details: `  available: ${shown}${versions.length > 5 ? ", …" : ""}` }
        : {}),
      ...(!requested && !devel && versions.length
        ? { hint: "pre-releases need --devel or a range that names one" }
        : {}),
    },
  );
}
