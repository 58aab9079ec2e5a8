import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "ink-testing-library";
import { KEY, renderApp, standardBackend } from "./harness.js";

afterEach(() => cleanup());

/** The namespaces pane: the top-left box. */
function namespaceColumn(frame: string): string {
  return frame
    .split("\n")
    .filter((line) => line.startsWith("│"))
    .map((line) => line.slice(0, line.indexOf("│", 1) + 1))
    .join("\n");
}

describe(":ns", () => {
  it("refuses a namespace the cluster does not have, and adds no row for it", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press(":");
    await app.type("ns nope");
    await app.press(KEY.enter);
    const frame = await app.waitFor('No namespace "nope" in this cluster');
    expect(frame).toContain("ns prod");
    expect(namespaceColumn(frame)).not.toContain("nope");
    expect(app.backend.lastCall("releases")).toEqual([{ namespace: "prod" }]);
  });

  it("asks the cluster whether the namespace exists when namespaces cannot be listed", async () => {
    const backend = standardBackend();
    backend.forbiddenNamespaces = true;
    const app = await renderApp(backend);
    await app.waitFor("web-1.2.0");
    await app.press(":");
    await app.type("ns nope");
    await app.press(KEY.enter);
    const refused = await app.waitFor('No namespace "nope" in this cluster');
    expect(backend.lastCall("namespaceExists")).toEqual(["nope"]);
    expect(namespaceColumn(refused)).not.toContain("nope");
    expect(refused).toContain("ns prod");

    await app.press(":");
    await app.type("ns staging");
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes("ns staging") && /db\s+2/.test(f));
    expect(backend.lastCall("releases")).toEqual([{ namespace: "staging" }]);
  });

  it("goes ahead when even reading the namespace is forbidden: the release list will say", async () => {
    const backend = standardBackend();
    backend.forbiddenNamespaces = true;
    backend.forbiddenNamespaceGet = true;
    const app = await renderApp(backend);
    await app.waitFor("web-1.2.0");
    await app.press(":");
    await app.type("ns staging");
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes("ns staging") && /db\s+2/.test(f));
  });

  it("alone, opens the namespaces pane and says which namespace is in view", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press(":");
    await app.type("ns");
    await app.press(KEY.enter);
    const frame = await app.waitFor("In prod — Enter switches to the namespace under the cursor");
    expect(frame).not.toContain("Unknown command");
    // The cursor keys now move in the namespaces pane: the last one is staging.
    await app.press("G", KEY.enter);
    await app.waitFor((f) => f.includes("ns staging") && /db\s+2/.test(f));
  });
});
