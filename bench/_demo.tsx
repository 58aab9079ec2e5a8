import { runApp } from "../src/ui/runApp.js";
import { FakeBackend, fakeRelease } from "../test/support/fakeBackend.js";
const web = fakeRelease("web", "prod", 3);
web.revisions[0]!.secret = { password: "hunter2" };
web.revisions[2]!.secret = { password: "correct-horse" };
const backend = new FakeBackend([web, fakeRelease("api", "prod", 1), fakeRelease("db", "staging", 2)]);
backend.clusterInfo.namespace = "prod";
await runApp({ backend, options: { readonly: false } });
console.log("bye");
