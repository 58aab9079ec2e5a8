import { WheelhouseError } from "../../errors.js";

// Helm's rule (pkg/chart/v2/util/validate_name.go): DNS-1123 subdomain-ish, at most 53
// characters so that "sh.helm.release.v1.<name>.v<rev>" and derived names fit Kubernetes limits.
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const MAX_RELEASE_NAME_LENGTH = 53;

export class InvalidReleaseNameError extends WheelhouseError {
  constructor(name: string, reason: string) {
    super("release", `invalid release name "${name}": ${reason}`, {
      hint:
        "a release name is lower-case letters, digits, '-' and '.', starts and ends with a letter or digit, " +
        `and has at most ${MAX_RELEASE_NAME_LENGTH} characters`,
    });
  }
}

export function validateReleaseName(name: string): void {
  if (name === "") throw new InvalidReleaseNameError(name, "it is empty");
  if (name.length > MAX_RELEASE_NAME_LENGTH) {
    throw new InvalidReleaseNameError(
      name,
      `it is ${name.length} characters long (at most ${MAX_RELEASE_NAME_LENGTH})`,
    );
  }
  if (!RELEASE_NAME.test(name)) {
    throw new InvalidReleaseNameError(
      name,
      "it must match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
    );
  }
}
