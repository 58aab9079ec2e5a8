import { describe, expect, it } from "vitest";
import { activeBindings, KEYMAP, resolveKey, type KeyContext } from "../../src/ui/keymap.js";

const browse: KeyContext = { screen: "browse", focus: "releases", readonly: false, wide: false };

describe("key map", () => {
  it("gives every binding help text and at least one key", () => {
    for (const b of KEYMAP) {
      expect(b.keys.length).toBeGreaterThan(0);
      expect(b.help.trim()).not.toBe("");
    }
  });

  it("resolves n to notes while browsing but to the next resource in a focused diff", () => {
    expect(resolveKey("n", browse)?.action).toBe("notes");
    expect(resolveKey("n", { ...browse, focus: "detail", view: "diff" })?.action).toBe("diff.next");
  });

  it("never resolves a mutating key under --readonly", () => {
    const ro = { ...browse, readonly: true };
    for (const key of ["u", "r", "D"]) expect(resolveKey(key, ro)).toBeUndefined();
    expect(activeBindings(ro).some((b) => b.mutating)).toBe(false);
  });

  it("lists each action once, with all its keys", () => {
    const quit = activeBindings(browse).filter((b) => b.action === "quit");
    expect(quit).toHaveLength(1);
    expect(quit[0]!.keys).toEqual(["q", "ctrl+c"]);
  });

  it("lets the no answer be the default of a confirmation", () => {
    const confirm = { ...browse, screen: "confirm" as const };
    expect(resolveKey("return", confirm)?.action).toBe("confirm.choose");
    expect(resolveKey("escape", confirm)?.action).toBe("confirm.no");
    expect(resolveKey("y", confirm)?.action).toBe("confirm.yes");
  });

  it("sends typed letters to text inputs instead of commands", () => {
    const filter = { ...browse, screen: "filter" as const };
    for (const key of ["q", "u", "d", "j"]) expect(resolveKey(key, filter)).toBeUndefined();
  });
});
