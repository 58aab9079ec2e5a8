import { FakeBackend, fakeRelease } from "../support/fakeBackend.js";

// Kept apart from harness.tsx, which loads Ink: runApp's tests must let
// runApp be the first to import Ink, as it is in the binary.
/** prod/web with three revisions (3 deployed, a Secret in 1 and 3), prod/api, staging/db. */
export function standardBackend(): FakeBackend {
  const web = fakeRelease("web", "prod", 3);
  web.revisions[0]!.secret = { password: "hunter2" };
  web.revisions[2]!.secret = { password: "correct-horse" };
  const backend = new FakeBackend([
    web,
    fakeRelease("api", "prod", 1),
    fakeRelease("db", "staging", 2),
  ]);
  backend.clusterInfo.namespace = "prod";
  return backend;
}
