import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, renderApp, renderWithWebOpen, standardBackend } from "./harness.js";

afterEach(() => cleanup());

async function toValues() {
  const app = await renderWithWebOpen();
  await app.press("u");
  await app.waitFor("Chart to upgrade to");
  await app.type("./charts/web");
  await app.waitFor("› ./charts/web");
  await app.press(KEY.enter);
  await app.waitFor("reuse the current user-supplied values");
  return app;
}

describe("upgrade flow", () => {
  it("takes a chart path, reused values, shows the diff, confirms and shows NOTES", async () => {
    const app = await toValues();
    await app.press("r");
    await app.waitFor("this writes revision 4");
    expect(app.backend.lastCall("planUpgrade")).toEqual([
      {
        release: { name: "web", namespace: "prod" },
        chart: "./charts/web",
        values: { mode: "reuse" },
      },
    ]);
    expect(app.frame()).toContain("+   chart: ./charts/web");
    await app.press(KEY.enter);
    await app.waitFor("Upgrade prod/web to web-9.4.0 with server-side apply?");
    await app.press("y");
    const result = await app.waitFor("Upgraded: revision 4 is deployed");
    expect(result).toContain("NOTES:");
    expect(result).toContain("upgraded to ./charts/web");
    await app.press(KEY.enter);
    await app.waitFor(/●\s+4 deployed/);
  });

  it("shows no NOTES heading when the chart has no notes", async () => {
    const app = await renderWithWebOpen();
    await app.press("u");
    await app.waitFor("Chart to upgrade to");
    await app.type("./charts/no-notes");
    await app.waitFor("› ./charts/no-notes");
    await app.press(KEY.enter);
    await app.waitFor("reuse the current user-supplied values");
    await app.press("r");
    await app.waitFor("this writes revision 4");
    await app.press(KEY.enter);
    await app.waitFor("Upgrade prod/web to web-9.4.0 with server-side apply?");
    await app.press("y");
    const result = await app.waitFor("Upgraded: revision 4 is deployed");
    expect(result).not.toContain("NOTES:");
  });

  it("resets values to the chart defaults with d", async () => {
    const app = await toValues();
    await app.press("d");
    await app.waitFor("this writes revision 4");
    expect(app.backend.lastCall("planUpgrade")?.[0]).toMatchObject({ values: { mode: "reset" } });
  });

  it("edits values in the editor with e and plans with the saved YAML", async () => {
    const edits: string[] = [];
    const app = await renderApp(standardBackend(), {}, undefined, {
      editor: async (initial) => {
        edits.push(initial);
        return "replicas: 7\n";
      },
    });
    await app.waitFor("web-1.2.0");
    await app.press(KEY.down, "u");
    await app.type("./web");
    await app.press(KEY.enter);
    await app.waitFor("e edit the current values");
    await app.press("e");
    await app.waitFor("this writes revision 4");
    expect(edits).toEqual(["replicas: 3\n"]);
    expect(app.backend.lastCall("planUpgrade")?.[0]).toMatchObject({
      values: { mode: "edited", yaml: "replicas: 7\n" },
    });
  });

  it("edits the chart path with backspace", async () => {
    const app = await renderWithWebOpen();
    await app.press("u");
    await app.type("./wbe");
    await app.press(KEY.backspace, KEY.backspace);
    await app.type("eb");
    await app.waitFor("› ./web");
  });

  it("cancels with Esc at the chart, values and review steps without upgrading", async () => {
    const app = await renderWithWebOpen();
    await app.press("u");
    await app.waitFor("Chart to upgrade to");
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes("Upgrade prod/web"));
    await app.press("u");
    await app.type("./web");
    await app.press(KEY.enter);
    await app.waitFor("reuse the current");
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes("Upgrade prod/web"));
    await app.press("u");
    await app.type("./web");
    await app.press(KEY.enter, "r");
    await app.waitFor("this writes revision 4");
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes("Upgrade prod/web"));
    expect(app.backend.count("executeUpgrade")).toBe(0);
  });

  it("shows a render failure with its message", async () => {
    const app = await toValues();
    app.backend.fail(
      "planUpgrade",
      new Error('templates/deploy.yaml:3: function "nope" not defined'),
    );
    await app.press("r");
    const frame = await app.waitFor("Upgrade failed");
    expect(frame).toContain('function "nope" not defined');
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes("Upgrade failed"));
  });
});
