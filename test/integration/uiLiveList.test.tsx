/**
 * The whole UI (App over the engine-backed Backend) on the sandbox, counted
 * in the sandbox's request log (issue 13): one list of release records, then
 * the watch only; payloads read for the rows on screen and no others.
 */
import { render } from "ink-testing-library";
import React from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionContext } from "../../src/engine/actions/context.js";
import type { KubeClient } from "../../src/kube/client.js";
import type { LoggedRequest } from "../../src/sandbox/index.js";
import { EngineBackend } from "../../src/state/engineBackend.js";
import { App } from "../../src/ui/App.js";
import { makeRelease } from "../support/releases.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { engineOver } from "../support/sandboxEngine.js";

const RELEASES = 60;
let fx: SandboxFixture;
let client: KubeClient;
let ctx: ActionContext;

beforeAll(async () => {
  fx = await withSandbox({ bookmarkMs: 50 });
  ({ client, ctx } = engineOver(fx.kubeconfigPath));
  for (let i = 0; i < RELEASES; i++) {
    const name = `app-${String(i).padStart(2, "0")}`;
    await ctx.storage.driver.create(makeRelease({ name, status: "superseded" }));
    await ctx.storage.driver.create(makeRelease({ name, version: 2 }));
  }
});
afterAll(async () => {
  client.close();
  await fx.close();
});

const query = (r: LoggedRequest) => new URL(r.path, "http://x").searchParams;
const isList = (r: LoggedRequest) => /\/secrets\?/.test(r.path) && query(r).get("watch") !== "true";
const isPayload = (r: LoggedRequest) =>
  r.method === "GET" && r.path.includes("/secrets/sh.helm.release.v1.");

/** The release names in the releases table of a frame, and whether any still waits for its payload. */
function tableOf(frame: string): { names: string[]; pending: boolean } {
  const rows = frame.split("\n").filter((l) => /app-\d\d\s+default\s+2\s/.test(l));
  return {
    names: rows.map((l) => /(app-\d\d)\s+default/.exec(l)![1]!),
    pending: rows.some((l) => /\s2\s+deployed\s+…/.test(l)),
  };
}

describe("the UI on a live release list", () => {
  it("lists once, then reads payloads only for the rows it shows, and never lists again", async () => {
    // Every interval timer the UI starts runs on a clock the test moves.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const start = fx.sandbox.requestLog().length;
    const log = () => fx.sandbox.requestLog().slice(start);
    const backend = new EngineBackend(ctx, client, process.cwd());
    const app = render(
      <App backend={backend} options={{ readonly: false, allNamespaces: true }} noColor />,
    );
    try {
      const settled = async () => {
        await expect
          .poll(() => {
            const t = tableOf(app.lastFrame() ?? "");
            return t.names.length > 0 && !t.pending;
          })
          .toBe(true);
        return tableOf(app.lastFrame() ?? "").names;
      };
      const first = await settled();
      expect(first[0]).toBe("app-00");
      expect(first.length).toBeLessThan(RELEASES);
      const read = () =>
        log()
          .filter(isPayload)
          .map((r) => r.path.split(".")[4]!);
      expect(read().sort()).toEqual([...first].sort());
      // The namespaces' release counts and the rows came from the same one list.
      expect(log().filter(isList)).toHaveLength(1);

      // A page down: the rows that came into view are read, and only those.
      app.stdin.write("\u001b[6~");
      await expect.poll(() => tableOf(app.lastFrame() ?? "").names[0]).not.toBe("app-00");
      const second = await settled();
      const fresh = second.filter((n) => !first.includes(n));
      expect(fresh.length).toBeGreaterThan(0);
      expect(read().sort()).toEqual([...new Set([...first, ...fresh])].sort());

      // Ten minutes of interval timers, a watch that breaks, bookmarks: still the one list.
      vi.advanceTimersByTime(10 * 60_000);
      fx.sandbox.dropWatches();
      await ctx.storage.driver.create(makeRelease({ name: "app-03", version: 3 }));
      await expect
        .poll(() => app.lastFrame() ?? "")
        .toMatch(/app-03\s+default\s+3\s+deployed\s+web-1\.0\.0/);
      vi.advanceTimersByTime(10 * 60_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(log().filter(isList)).toHaveLength(1);
    } finally {
      app.unmount();
      backend.close();
      vi.useRealTimers();
    }
  });
});
