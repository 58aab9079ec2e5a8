import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { FakeBackend, fakeRelease } from "../support/fakeBackend.js";
import { NOW, renderApp } from "./harness.js";

afterEach(() => cleanup());

describe("AGE columns", () => {
  it("tick on their own, without a key press or a new read", async () => {
    const fresh = fakeRelease("fresh", "default");
    fresh.revisions[0]!.updated = new Date(NOW.getTime() - 30_000);
    const backend = new FakeBackend([fresh]);
    // A clock that runs from NOW as the wall clock does.
    const started = Date.now();
    const clock = () => new Date(NOW.getTime() + (Date.now() - started));
    const app = await renderApp(backend, {}, undefined, { now: clock });
    await app.waitFor(/fresh.*3[01]s/);
    const reads = backend.count("releases");
    const later = await app.waitFor(/fresh.*3[2-4]s/, 5_000);
    expect(later).toMatch(/fresh/);
    expect(backend.count("releases")).toBe(reads);
  });
});
