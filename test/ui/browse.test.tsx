import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "ink-testing-library";
import { WheelhouseError } from "../../src/errors.js";
import { WHEELHOUSE_VERSION } from "../../src/version.js";
import { FakeBackend, fakeRelease } from "../support/fakeBackend.js";
import { KEY, renderApp, renderWithWebOpen, standardBackend } from "./harness.js";

afterEach(() => cleanup());

describe("browsing screen", () => {
  it("shows context, server version, scope, counts by status and the wheelhouse version", async () => {
    const backend = standardBackend();
    backend.release({ name: "api", namespace: "prod" })!.revisions[0]!.status = "failed";
    const app = await renderApp(backend);
    const header = (await app.waitFor("web-1.2.0")).split("\n")[0]!;
    expect(header).toContain(`wheelhouse ${WHEELHOUSE_VERSION}`);
    expect(header).toContain("ctx kind-dev");
    expect(header).toContain("k8s v1.31.0");
    expect(header).toContain("ns prod");
    expect(header).toMatch(/1 deployed.*1 failed|1 failed.*1 deployed/);
  });

  it("lists releases with revision, status, chart, app version and age", async () => {
    const app = await renderApp();
    const frame = await app.waitFor("web-1.2.0");
    expect(frame).toMatch(/web\s+3\s+deployed\s+web-1\.2\.0\s+2\.2\s+7h/);
    expect(frame).toMatch(/api\s+1\s+deployed\s+web-1\.0\.0/);
  });

  it("lists namespaces with release counts and marks the current one", async () => {
    const app = await renderApp();
    const frame = await app.waitFor("web-1.2.0");
    expect(frame).toMatch(/●prod\s+2/);
    expect(frame).toMatch(/staging\s+1/);
    expect(frame).toMatch(/all\s+3/);
  });

  it("opens a release's history with the deployed revision marked, and its status", async () => {
    const app = await renderWithWebOpen();
    const frame = app.frame();
    expect(frame).toMatch(/●\s+3 deployed/);
    expect(frame).toMatch(/2 superseded/);
    expect(frame).toContain("progressing Deployment prod/web");
    expect(app.backend.lastCall("history")).toEqual([{ name: "web", namespace: "prod" }]);
  });

  it("shows chart and app version of each revision when the pane is wide enough", async () => {
    const app = await renderWithWebOpen();
    app.resize(150, 40);
    await app.waitFor(/2\s+superseded\s+1\.1\.0\s+2\.1\s+8h\s+Upgrade complete/);
  });

  it("opens manifest, values and notes of the revision under the cursor", async () => {
    const app = await renderWithWebOpen();
    await app.press("k", "m");
    await app.waitFor("Manifest prod/web revision 2");
    expect(app.frame()).toContain("replicas: 2");
    await app.press("v");
    await app.waitFor("# User-supplied values");
    expect(app.frame()).toContain("# Computed values");
    await app.press("n");
    await app.waitFor("web revision 2 is up");
    await app.press("s");
    await app.waitFor("Status prod/web");
  });

  it("moves focus between panes with Tab and h/l", async () => {
    const app = await renderWithWebOpen();
    expect(app.frame()).toMatch(/║History prod\/web/);
    await app.press(KEY.tab);
    expect(app.frame()).toMatch(/║Status prod\/web/);
    await app.press("h", "h");
    expect(app.frame()).toMatch(/║Releases/);
  });

  it("filters the releases with / and clears the filter with Esc", async () => {
    const app = await renderApp(standardBackend(), { allNamespaces: true });
    await app.waitFor("web-1.2.0");
    await app.press("/");
    await app.type("stag");
    const filtered = await app.waitFor("Releases /stag");
    expect(filtered).toMatch(/db\s+staging/);
    expect(filtered).not.toMatch(/web\s+prod/);
    await app.press(KEY.escape);
    await app.waitFor((f) => /web\s+prod/.test(f) && !f.includes("/stag"));
  });

  it("changes scope with :ns NAME and :ns all", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press(":");
    await app.type("ns staging");
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes("ns staging") && /db\s+2/.test(f));
    expect(app.backend.lastCall("releases")).toEqual([{ namespace: "staging" }]);
    await app.press(":");
    await app.type("ns all");
    await app.press(KEY.enter);
    await app.waitFor("ns all namespaces");
    expect(app.backend.lastCall("releases")).toEqual([{}]);
  });

  it("lists the kubeconfig's contexts with :ctx and switches with :ctx NAME", async () => {
    const backend = standardBackend();
    const staging = new FakeBackend([fakeRelease("shop", "eu", 2)]);
    staging.clusterInfo = {
      context: "staging-eu",
      server: "https://staging.example:6443",
      namespace: "eu",
      serverVersion: "v1.30.4",
      contexts: ["kind-dev", "staging-eu"],
    };
    backend.clusterInfo.contexts = ["kind-dev", "staging-eu"];
    backend.otherContexts.set("staging-eu", staging);
    const app = await renderApp(backend);
    await app.waitFor("web-1.2.0");
    await app.press(":");
    await app.type("ctx");
    await app.press(KEY.enter);
    await app.waitFor("Contexts: kind-dev (current), staging-eu — :ctx NAME switches");
    await app.press(":");
    await app.type("ctx staging-eu");
    await app.press(KEY.enter);
    const frame = await app.waitFor((f) => /shop\s+2\s+deployed/.test(f));
    expect(frame).toMatch(/ctx staging-eu │ k8s v1\.30\.4 │ ns eu/);
    expect(frame).not.toContain("web-1.2.0");
  });

  it("switches context from the start error screen", async () => {
    const backend = standardBackend().fail("cluster", new Error("cannot reach 127.0.0.1:6443"));
    const staging = new FakeBackend([fakeRelease("shop", "eu", 1)]);
    staging.clusterInfo = { ...staging.clusterInfo, context: "staging-eu", namespace: "eu" };
    backend.otherContexts.set("staging-eu", staging);
    const app = await renderApp(backend);
    await app.waitFor(":ctx NAME to try another context");
    await app.press(":");
    await app.type("ctx staging-eu");
    await app.waitFor(":ctx staging-eu");
    await app.press(KEY.enter);
    await app.waitFor(/ctx staging-eu .* ns eu/);
    await app.waitFor(/shop\s+1\s+deployed/);
  });

  it("scopes to a namespace chosen in the namespaces pane", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press("h", "G", KEY.enter);
    await app.waitFor("ns staging");
    expect(app.backend.lastCall("watchReleases")).toEqual([{ namespace: "staging" }]);
  });

  it("explains an unknown command", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press(":");
    await app.type("frobnicate");
    await app.press(KEY.enter);
    await app.waitFor("Unknown command :frobnicate");
  });

  it("shows every key of the current view with ? and closes with Esc", async () => {
    const app = await renderWithWebOpen();
    await app.press("?");
    const help = await app.waitFor("Keys — browse");
    expect(help).toContain("Roll back to the selected revision");
    expect(help).toContain("Mark a revision to diff against");
    expect(help).toContain("Uninstall");
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes("Keys — browse") && f.includes("History prod/web"));
  });

  it("updates the list when the watch reports a change", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    app.backend.release({ name: "api", namespace: "prod" })!.revisions[0]!.status = "failed";
    app.backend.emitChange();
    await app.waitFor(/api\s+1\s+failed/);
  });

  it("shows a failed release list with its message and retries with R", async () => {
    const backend = standardBackend().fail(
      "releases",
      new WheelhouseError("kube", "secrets is forbidden in prod", {
        hint: "ask for list on secrets",
      }),
    );
    const app = await renderApp(backend);
    const frame = await app.waitFor("Error (kube): secrets is forbidden in prod");
    expect(frame).toContain("hint: ask for list on secrets");
    expect(frame).toContain("Press R to retry");
    backend.succeed("releases");
    await app.press("R");
    await app.waitFor("web-1.2.0");
  });

  it("shows a failed start with the hint, and retries it", async () => {
    const backend = standardBackend().fail(
      "cluster",
      new WheelhouseError("kube", "connection refused", { hint: "is the cluster running?" }),
    );
    const app = await renderApp(backend);
    const frame = await app.waitFor("Cannot start");
    expect(frame).toContain("connection refused");
    expect(frame).toContain("hint: is the cluster running?");
    backend.succeed("cluster");
    await app.press("R");
    await app.waitFor("web-1.2.0");
  });

  it("says when listing namespaces is forbidden instead of showing an empty list", async () => {
    const backend = new FakeBackend([]);
    backend.forbiddenNamespaces = true;
    const app = await renderApp(backend);
    const frame = await app.waitFor("listing forbidden");
    expect(frame).toContain("No releases in this scope");
  });

  it("refreshes with R", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press("R");
    await app.waitFor(() => app.backend.count("releases") === 2);
  });
});

describe("read-only mode", () => {
  it("hides mutating keys from hints and help and refuses them", async () => {
    const app = await renderWithWebOpen(standardBackend(), { readonly: true });
    expect(app.frame()).toContain("[read-only]");
    const hints = app.frame().split("\n").at(-1)!;
    expect(hints).not.toContain("rollback");
    await app.press("?");
    const help = await app.waitFor("Keys — browse (read-only)");
    expect(help).not.toContain("Roll back");
    expect(help).not.toContain("Uninstall");
    await app.press(KEY.escape, "r", "u", "D");
    expect(app.frame()).not.toContain("Roll back prod/web");
    expect(app.backend.count("planRollback")).toBe(0);
  });
});

describe("keys arriving together", () => {
  it("takes characters sent in one chunk one key at a time", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press("j\r");
    await app.waitFor("History prod/web");
    await app.press(" gd");
    await app.waitFor("Diff prod/web revision 1 → 3");
  });

  it("types a pasted chunk into a text input and submits on its newline", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press(":ns staging\r");
    await app.waitFor("ns staging");
  });
});
