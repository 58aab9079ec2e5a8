export {
  Version,
  SemverError,
  parseVersion,
  strictParseVersion,
  tryParseVersion,
  compareVersions,
  compareNewestFirst,
} from "./version.js";
export {
  Constraints,
  ConstraintError,
  parseConstraint,
  tryParseConstraint,
  satisfies,
  isCompatibleRange,
} from "./constraints.js";
