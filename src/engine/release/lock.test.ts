import { describe, expect, it } from "vitest";
import { makeRelease } from "../../../test/support/releases.js";
import { assertUnlocked, formatAge, ReleaseLockedError } from "./lock.js";

const now = new Date("2026-11-25T05:00:00Z");

describe("release lock", () => {
  it("lets an operation through when the latest revision is settled", () => {
    expect(() => assertUnlocked(makeRelease({ status: "failed" }), now)).not.toThrow();
    expect(() => assertUnlocked(undefined, now)).not.toThrow();
  });

  it("refuses while the latest revision is pending, naming it, its age and recover", () => {
    const pending = makeRelease({
      version: 4,
      status: "pending-upgrade",
      info: {
        first_deployed: "",
        last_deployed: "2026-11-25T04:48:00Z",
        description: "Preparing upgrade",
        status: "pending-upgrade",
      },
    });
    expect(() => assertUnlocked(pending, now)).toThrow(ReleaseLockedError);
    expect(() => assertUnlocked(pending, now)).toThrow(
      'release "demo" in namespace "default" is locked: revision 4 is pending-upgrade, started 12m ago',
    );
    try {
      assertUnlocked(pending, now);
    } catch (err) {
      expect((err as ReleaseLockedError).hint).toContain("wheelhouse recover demo -n default");
    }
  });

  it("refuses while an uninstall holds the release, dating it from when the uninstall began", () => {
    const uninstalling = makeRelease({
      version: 2,
      status: "uninstalling",
      info: {
        first_deployed: "2026-11-20T00:00:00Z",
        last_deployed: "2026-11-24T00:00:00Z",
        deleted: "2026-11-25T04:59:30Z",
        description: "Deletion in progress (or silently failed)",
        status: "uninstalling",
      },
    });
    expect(() => assertUnlocked(uninstalling, now)).toThrow(
      'release "demo" in namespace "default" is locked: revision 2 is uninstalling, started 30s ago',
    );
  });

  it("formats ages the way kubectl does", () => {
    expect([5_000, 300_000, 3 * 3_600_000, 5 * 86_400_000].map(formatAge)).toEqual([
      "5s",
      "5m",
      "3h",
      "5d",
    ]);
  });
});
