import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { ResourceRow } from "../../src/state/backend.js";
import { KEY, renderWithWebOpen } from "./harness.js";

afterEach(() => cleanup());

const web = { name: "web", namespace: "prod" };

const deployment = (state: ResourceRow["state"], message: string): ResourceRow => ({
  kind: "Deployment",
  name: "web",
  namespace: "prod",
  state,
  message,
});

/** The detail pane's title line. */
const detailTitle = (frame: string) =>
  frame.split("\n").find((l) => /(Status|Manifest|Values|Notes|Detail) /.test(l)) ?? "";

describe("the status pane", () => {
  it("shows a change of the release's objects without a key press", async () => {
    const app = await renderWithWebOpen();
    await app.waitFor("1/2 replicas");
    app.backend.setResources(web, [deployment("ready", "4/4 replicas ready")]);
    const frame = await app.waitFor("4/4 replicas");
    expect(frame).not.toContain("1/2 replicas");
  });

  it("reads the objects again when the release's records change (a rollback revives it)", async () => {
    const app = await renderWithWebOpen();
    app.backend.setResources(web, [deployment("missing", "absent")]);
    await app.waitFor("absent");
    app.backend.setResources(web, [deployment("ready", "2/2 replicas ready")], { seen: false });
    app.backend.emitChange([web]);
    const frame = await app.waitFor("2/2 replicas");
    expect(frame).not.toContain("absent");
  });

  it("follows the Releases cursor, titled by the release it loads, never the one before", async () => {
    const app = await renderWithWebOpen();
    await app.press(KEY.escape); // back to the Releases pane, cursor on prod/web
    app.backend.hold("watchResources");
    await app.press("k"); // prod/api
    const loading = await app.waitFor("Loading…");
    expect(detailTitle(loading)).toContain("Status prod/api");
    expect(loading).not.toContain("Status prod/web");
    expect(loading).not.toContain("Deployment prod/web");
    app.backend.resolve("watchResources");
    const frame = await app.waitFor("Deployment prod/api");
    expect(detailTitle(frame)).toContain("Status prod/api");
  });

  it("leaves the status of the release before when the cursor moves past it", async () => {
    const app = await renderWithWebOpen();
    await app.press(KEY.escape, "k");
    await app.waitFor("Deployment prod/api");
    expect(app.backend.resourceWatcherCount()).toBe(1);
  });
});

describe("a revision's view", () => {
  it("follows the History cursor", async () => {
    const app = await renderWithWebOpen();
    await app.press("m");
    await app.waitFor((f) => detailTitle(f).includes("Manifest prod/web revision 3"));
    await app.press("k");
    const frame = await app.waitFor((f) => detailTitle(f).includes("revision 2"));
    expect(detailTitle(frame)).toContain("Manifest prod/web revision 2");
  });
});
