import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, renderWithWebOpen, standardBackend } from "./harness.js";

afterEach(() => cleanup());

// The fake cluster: context kind-dev, namespace prod. The app opened on kind-dev.
const opened = { context: "kind-dev" };

describe("copy as command: each confirmation shows its command lines", () => {
  it("rollback shows wheelhouse's and helm's", async () => {
    const app = await renderWithWebOpen(standardBackend(), opened);
    await app.press("g", "r");
    await app.waitFor("this writes revision 4");
    await app.press(KEY.enter);
    const dialog = await app.waitFor("[ No ]");
    expect(dialog).toContain("$ wheelhouse rollback web 1");
    expect(dialog).toContain("$ helm rollback web 1");
  });

  it("uninstall follows the --keep-history toggle", async () => {
    const app = await renderWithWebOpen(standardBackend(), opened);
    await app.press("D");
    await app.waitFor("$ helm uninstall web");
    await app.press(KEY.tab);
    const frame = await app.waitFor("$ wheelhouse uninstall web --keep-history");
    expect(frame).toContain("$ helm uninstall web --keep-history");
  });

  it("names the context when it is not the kubeconfig's current one", async () => {
    const app = await renderWithWebOpen(standardBackend(), {
      context: "kind-dev",
      defaultContext: "other",
    });
    await app.press("g", "r");
    await app.waitFor("this writes revision 4");
    await app.press(KEY.enter);
    await app.waitFor("$ helm rollback web 1 --kube-context kind-dev");
  });

  it("upgrade carries the chart and the values choice", async () => {
    const app = await renderWithWebOpen(standardBackend(), opened);
    await app.press("u");
    await app.waitFor("Chart to upgrade to");
    await app.type("./my charts/web");
    await app.press(KEY.enter);
    await app.waitFor("reuse the current user-supplied values");
    await app.press("d");
    await app.waitFor("this writes revision 4");
    await app.press(KEY.enter);
    const dialog = await app.waitFor("[ No ]");
    expect(dialog).toContain("$ wheelhouse upgrade web './my charts/web' --reset-values");
    expect(dialog).toContain("$ helm upgrade web './my charts/web' --reset-values");
  });
});
