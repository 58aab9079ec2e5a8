import { describe, expect, it } from "vitest";
import { visible, visibleLine, visibleText } from "./visibleText.js";

/** Every character a terminal would act on instead of showing. */
const CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  0x7f,
  ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
].map((code) => String.fromCharCode(code));
const KEPT_IN_BLOCKS = new Set(["\n", "\t"]);
const hasControl = (s: string) => CONTROLS.some((c) => s.includes(c));

describe("visibleLine", () => {
  it("shows the window-title, clear-screen and erase-lines attacks as text", () => {
    expect(visibleLine("web\x1b]0;pwned\x07")).toBe("web\\e]0;pwned\\a");
    expect(visibleLine("\x1b[2J")).toBe("\\e[2J");
    expect(visibleLine("# \x1b[17A\x1b[0J")).toBe("# \\e[17A\\e[0J");
  });

  it("names the C0 controls YAML names, and the rest by code", () => {
    expect(visibleLine("a\0b\x07c\bd\te\nf\vg\fh\ri\x1bj")).toBe(
      "a\\0b\\ac\\bd\\te\\nf\\vg\\fh\\ri\\ej",
    );
    expect(visibleLine("\x01\x1f")).toBe("\\x01\\x1f");
  });

  it("shows DEL and the C1 controls (the one-character CSI and OSC) by code", () => {
    expect(visibleLine("\x7f")).toBe("\\x7f");
    expect(visibleLine("\x9b2J\x9d0;t\x9c")).toBe("\\x9b2J\\x9d0;t\\x9c");
    expect(visibleLine("\x80\x9f")).toBe("\\x80\\x9f");
  });

  it("shows the bidirectional embeddings, overrides and isolates", () => {
    expect(visibleLine("admin\u202enimda")).toBe("admin\\u202enimda");
    expect(visibleLine("\u202a\u202b\u202c\u202d")).toBe("\\u202a\\u202b\\u202c\\u202d");
    expect(visibleLine("\u2066\u2067\u2068\u2069")).toBe("\\u2066\\u2067\\u2068\\u2069");
  });

  it("leaves no control character of any class", () => {
    for (const c of CONTROLS)
      expect(hasControl(visibleLine(`x${c}y`)), JSON.stringify(c)).toBe(false);
  });

  it("keeps printable text, other scripts and backslashes as they are", () => {
    const text = 'Zürich 東京 ✓ \\e C:\\charts "quoted" ‏שלום';
    expect(visibleLine(text)).toBe(text);
    expect(visibleLine("\u00a0\u00ff\u2065\u206a")).toBe("\u00a0\u00ff\u2065\u206a");
  });

  it("is idempotent", () => {
    const once = visibleLine(CONTROLS.join(""));
    expect(visibleLine(once)).toBe(once);
  });
});

describe("visibleText", () => {
  it("keeps newlines and tabs for the layout and shows every other control", () => {
    for (const c of CONTROLS) {
      const out = visibleText(`x${c}y`);
      if (KEPT_IN_BLOCKS.has(c)) expect(out).toBe(`x${c}y`);
      else expect(hasControl(out), JSON.stringify(c)).toBe(false);
    }
  });

  it("drops the CR of a CRLF line ending but shows a CR that would overwrite the line", () => {
    expect(visibleText("one\r\ntwo\r\n")).toBe("one\ntwo\n");
    expect(visibleText("safe\rrm -rf /")).toBe("safe\\rrm -rf /");
    expect(visibleText("trailing\r")).toBe("trailing\\r");
  });
});

describe("visible", () => {
  it("keeps the message's own text and shows each value as one line", () => {
    const name = "web\x1b[2J\nfake";
    expect(visible`Release "${name}" has been upgraded.\n`).toBe(
      'Release "web\\e[2J\\nfake" has been upgraded.\n',
    );
    expect(visible`\x1b[1m${"bold"}\x1b[22m`).toBe("\x1b[1mbold\x1b[22m");
  });
});
