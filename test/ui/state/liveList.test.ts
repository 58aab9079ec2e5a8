import { describe, expect, it } from "vitest";
import { startApp, startWithWebOpen } from "./harness.js";

const web = { name: "web", namespace: "prod" };
const api = { name: "api", namespace: "prod" };

describe("app machine: the live release list", () => {
  it("passes the rows the UI shows, and the open release, on to the watch", async () => {
    const { actor, backend, until } = await startApp();
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "RELEASES.SHOWN", releases: [api, web] });
    expect(backend.shown.at(-1)).toEqual([api, web]);

    const open = await startWithWebOpen();
    open.actor.send({ type: "RELEASES.SHOWN", releases: [api] });
    // The open release stays wanted when it scrolls out of view.
    expect(open.backend.shown.at(-1)).toEqual([api, web]);
  });

  it("refreshes the rows when payloads arrive, without reloading the open release's history", async () => {
    const { backend, until } = await startWithWebOpen();
    const lists = backend.count("releases");
    const histories = backend.count("history");
    backend.emitDetails();
    await until(
      (s) => backend.count("releases") === lists + 1 && s.matches({ app: { list: "ready" } }),
    );
    expect(backend.count("history")).toBe(histories);
  });

  it("reloads the open release's history only when its own records changed", async () => {
    const { backend, until } = await startWithWebOpen();
    const histories = backend.count("history");
    const lists = backend.count("releases");
    backend.emitChange([api]);
    await until(
      (s) => backend.count("releases") === lists + 1 && s.matches({ app: { list: "ready" } }),
    );
    expect(backend.count("history")).toBe(histories);
    backend.emitChange([web]);
    await expect.poll(() => backend.count("history")).toBe(histories + 1);
    // A change the watch cannot attribute (a relist) may touch any release.
    backend.emitChange();
    await expect.poll(() => backend.count("history")).toBe(histories + 2);
  });
});
