import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeBackend } from "../support/fakeBackend.js";
import { KEY, renderWithWebOpen, standardBackend } from "./harness.js";

afterEach(() => cleanup());

/** prod/web whose revisions carry env lists, so name-matched items show. */
function backendWithEnv(): FakeBackend {
  const backend = standardBackend();
  const web = [...backend.releasesByKey.values()].find((r) => r.name === "web")!;
  web.revisions[1]!.userValues = { replicas: 2, env: [{ name: "FOO", value: "a" }] };
  web.revisions[2]!.userValues = {
    replicas: 3,
    env: [
      { name: "NEW", value: "n" },
      { name: "FOO", value: "b" },
    ],
  };
  return backend;
}

describe("values diff view", () => {
  it("opens with V from History: the revision under the cursor against the deployed one", async () => {
    const app = await renderWithWebOpen(backendWithEnv());
    await app.press("k", "V");
    const frame = await app.waitFor("Values diff prod/web revision 3 → 2");
    expect(frame).toContain("# User-supplied values · a: computed values");
    expect(frame).toContain("~ replicas: 3 → 2");
    expect(frame).toContain('- env[name=NEW].value: "n"');
    expect(frame).toContain('~ env[name=FOO].value: "b" → "a"');
    expect(app.backend.lastCall("diffValues")).toEqual([{ name: "web", namespace: "prod" }, 3, 2]);
  });

  it("switches between user-supplied and computed values with a", async () => {
    const backend = standardBackend();
    const web = [...backend.releasesByKey.values()].find((r) => r.name === "web")!;
    web.revisions[0]!.userValues = { image: "web-debug", replicas: 1 };
    const app = await renderWithWebOpen(backend);
    await app.press("g", "V");
    await app.waitFor("Values diff prod/web revision 3 → 1");
    // The user set image only in revision 1; computed, it falls back to the chart's default.
    expect(app.frame()).toContain('+ image: "web-debug"');
    await app.press("a");
    const computed = await app.waitFor("# Computed values (chart defaults + user values)");
    expect(computed).toContain('~ image: "web" → "web-debug"');
    await app.press("a");
    await app.waitFor("# User-supplied values · a: computed values");
  });

  it("diffs the two marked revisions", async () => {
    const app = await renderWithWebOpen(backendWithEnv());
    await app.press(KEY.space, "g", "V");
    const frame = await app.waitFor("Values diff prod/web revision 1 → 3");
    expect(frame).toContain('+ env[name=FOO].value: "b"');
    expect(frame).toContain("~ replicas: 1 → 3");
  });
});

describe("upgrade review", () => {
  async function toReview(backend: FakeBackend) {
    const app = await renderWithWebOpen(backend);
    await app.press("u");
    await app.waitFor("Chart to upgrade to");
    await app.type("./charts/web");
    await app.press(KEY.enter);
    await app.waitFor("reset to the chart");
    await app.press("d");
    await app.waitFor("this writes revision 4");
    return app;
  }

  it("switches between the manifest diff and the values diff with V", async () => {
    const app = await toReview(backendWithEnv());
    expect(app.frame()).toContain("V: values diff.");
    await app.press("V");
    const values = await app.waitFor("# User-supplied values · a: computed values");
    expect(values).toContain("- replicas: 3");
    expect(values).toContain('- env[name=FOO].value: "b"');
    await app.press("a");
    await app.waitFor("# Computed values");
    await app.press("V");
    await app.waitFor("V: values diff.");
    expect(app.frame()).toContain("+   chart: ./charts/web");
  });

  it("shows the --reuse-values warning over the manifest diff and in the values diff", async () => {
    const backend = backendWithEnv();
    backend.reuseWarning =
      "--reuse-values keeps the previous chart's defaults: this upgrade leaves out 1 new default(s) (probes.enabled); --reset-then-reuse-values keeps your values over the new chart's defaults";
    const app = await toReview(backend);
    const frame = app.frame();
    expect(frame).toContain("⚠ --reuse-values keeps the previous chart's defaults");
    expect(frame.replace(/[│║\s]+/g, " ")).toContain(
      "--reset-then-reuse-values keeps your values over the new chart's defaults",
    );
    await app.press("V");
    const values = await app.waitFor("# User-supplied values");
    expect(values).toContain("⚠ --reuse-values keeps the previous chart's defaults");
  });
});

describe("rollback review", () => {
  it("shows the values the rollback restores with V", async () => {
    const app = await renderWithWebOpen(backendWithEnv());
    await app.press("g", "r");
    await app.waitFor("this writes revision 4");
    await app.press("V");
    const values = await app.waitFor("# User-supplied values · a: computed values");
    expect(values).toContain("~ replicas: 3 → 1");
    expect(values).toContain('- env[name=FOO].value: "b"');
  });
});
