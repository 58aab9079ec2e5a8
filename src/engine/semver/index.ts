export {
  Version,
  SemverError,
  parseVersion,
  strictParseVersion,
  tryParseVersion,
  compareVersions,
} from "./version.js";
export {
  Constraints,
  ConstraintError,
  parseConstraint,
  tryParseConstraint,
  satisfies,
} from "./constraints.js";
