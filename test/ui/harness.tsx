import { render } from "ink-testing-library";
import React from "react";
import type { AppOptions } from "../../src/state/appTypes.js";
import { App, type AppProps } from "../../src/ui/App.js";
import type { FakeBackend } from "../support/fakeBackend.js";
import { standardBackend } from "./standardBackend.js";

export { standardBackend };

export const KEY = {
  up: "\u001b[A",
  down: "\u001b[B",
  right: "\u001b[C",
  left: "\u001b[D",
  pageDown: "\u001b[6~",
  pageUp: "\u001b[5~",
  enter: "\r",
  escape: "\u001b",
  tab: "\t",
  backspace: "\u007f",
  space: " ",
  ctrlC: "\u0003",
};

export const NOW = new Date("2026-11-28T05:00:00Z");

const tick = () => new Promise((r) => setTimeout(r, 5));

export async function renderApp(
  backend: FakeBackend = standardBackend(),
  options: Partial<AppOptions> = {},
  size?: { columns: number; rows: number },
  props: Partial<AppProps> = {},
) {
  const quit = { called: false };
  const r = render(
    <App
      backend={backend}
      options={{ readonly: false, ...options }}
      noColor
      now={() => NOW}
      onQuit={() => (quit.called = true)}
      {...props}
    />,
  );
  const frame = () => r.lastFrame() ?? "";
  const resize = (columns: number, rows: number) => {
    Object.defineProperty(r.stdout, "columns", { value: columns, configurable: true });
    Object.defineProperty(r.stdout, "rows", { value: rows, configurable: true });
    r.stdout.emit("resize");
  };
  if (size) resize(size.columns, size.rows);
  /** Waits until the frame satisfies `check` (text it contains, or a predicate). */
  const waitFor = async (check: string | RegExp | ((f: string) => boolean), timeout = 2000) => {
    const ok = (f: string) =>
      typeof check === "string"
        ? f.includes(check)
        : check instanceof RegExp
          ? check.test(f)
          : check(f);
    const start = Date.now();
    while (!ok(frame())) {
      if (Date.now() - start > timeout) {
        throw new Error(`Timed out waiting for ${String(check)}; last frame:\n${frame()}`);
      }
      await tick();
    }
    return frame();
  };
  /** Writes keys one at a time, letting the app render between them. */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await tick();
    }
  };
  const type = async (text: string) => press(...text.split(""));
  return { ...r, backend, frame, waitFor, press, type, resize, quit };
}

/** Renders and opens prod/web's history (Enter on it), waiting for its status view. */
export async function renderWithWebOpen(
  backend: FakeBackend = standardBackend(),
  options: Partial<AppOptions> = {},
) {
  const app = await renderApp(backend, options);
  await app.waitFor("web-1.2.0");
  await app.press(KEY.down, KEY.enter);
  await app.waitFor((f) => f.includes("History prod/web") && f.includes("Deployment prod/web"));
  return app;
}
