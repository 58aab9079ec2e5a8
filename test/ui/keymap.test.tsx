import { readFileSync } from "node:fs";
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { fillSections } from "../../src/cli/docs/readmeSections.js";
import { keymapReference } from "../../src/cli/docs/reference.js";
import {
  activeBindings as activeIn,
  keymapOf,
  resolveKey as resolveIn,
  type KeyRow,
} from "../../src/ui/keymap.js";
import type { KeyContext } from "../../src/ui/keyContext.js";
import { KEY_ROWS, KEYMAP } from "../../src/ui/keys/keyTable.js";
import { send } from "../../src/ui/keys/keyTarget.js";
import { KEY, renderApp, standardBackend } from "./harness.js";

afterEach(() => cleanup());

const resolveKey = (name: string, c: KeyContext) => resolveIn(KEYMAP, name, c);
const activeBindings = (c: KeyContext) => activeIn(KEYMAP, c);

const browse: KeyContext = { screen: "browse", focus: "releases", readonly: false, wide: false };

describe("key map", () => {
  it("gives every binding help text and at least one key", () => {
    for (const b of KEYMAP) {
      expect(b.keys.length).toBeGreaterThan(0);
      expect(b.help.trim()).not.toBe("");
    }
  });

  it("resolves n to notes while browsing but to the next resource in a focused diff", () => {
    expect(resolveKey("n", browse)?.name).toBe("notes");
    expect(resolveKey("n", { ...browse, focus: "detail", view: "diff" })?.name).toBe("diff.next");
  });

  it("never resolves a mutating key under --readonly", () => {
    const ro = { ...browse, readonly: true };
    for (const key of ["u", "r", "D"]) expect(resolveKey(key, ro)).toBeUndefined();
    expect(activeBindings(ro).some((b) => b.mutating)).toBe(false);
  });

  it("lists each action once, with all its keys", () => {
    const quit = activeBindings(browse).filter((b) => b.name === "quit");
    expect(quit).toHaveLength(1);
    expect(quit[0]!.keys).toEqual(["q", "ctrl+c"]);
  });

  it("lets the no answer be the default of a confirmation", () => {
    const confirm = { ...browse, screen: "confirm" as const };
    expect(resolveKey("return", confirm)?.name).toBe("confirm.choose");
    expect(resolveKey("escape", confirm)?.name).toBe("confirm.no");
    expect(resolveKey("y", confirm)?.name).toBe("confirm.yes");
  });

  it("sends typed letters to text inputs instead of commands", () => {
    const filter = { ...browse, screen: "filter" as const };
    for (const key of ["q", "u", "d", "j"]) expect(resolveKey(key, filter)).toBeUndefined();
  });
});

describe("a row added to the key table", () => {
  const row: KeyRow = {
    name: "test.notes",
    keys: ["z"],
    help: "Notes, by a row only this test adds",
    when: (c) => c.screen === "browse",
    hint: "test notes",
    effect: send({ type: "VIEW.OPEN", view: "notes" }),
  };
  const keymap = keymapOf([...KEY_ROWS, row]);

  it("runs its effect when its key is pressed", async () => {
    const app = await renderApp(standardBackend(), {}, undefined, { keymap });
    await app.waitFor("web-1.2.0");
    await app.press(KEY.down, KEY.enter);
    await app.waitFor("Status prod/web");
    await app.press("z");
    await app.waitFor(/web revision \d is up/);
  });

  it("is listed by the ? overlay", async () => {
    const app = await renderApp(standardBackend(), {}, { columns: 160, rows: 50 }, { keymap });
    await app.waitFor("web-1.2.0");
    await app.press("?");
    expect(await app.waitFor("Keys — browse")).toMatch(/z +Notes, by a row only this test adds/);
  });

  it("is in the README's generated key map", () => {
    const readme = fillSections(readFileSync("README.md", "utf8"), {
      keymap: keymapReference(keymap),
    });
    expect(readme).toContain("| `z` | Notes, by a row only this test adds |");
  });
});
