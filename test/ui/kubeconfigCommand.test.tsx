import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, renderApp } from "./harness.js";

afterEach(() => cleanup());

describe(":kubeconfig", () => {
  it("shows the export line that points kubectl and helm at the same cluster", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press(":");
    await app.type("kubeconfig");
    await app.press(KEY.enter);
    const frame = await app.waitFor("export KUBECONFIG=");
    expect(frame).toContain("export KUBECONFIG=/home/dev/.kube/config");
  });
});
