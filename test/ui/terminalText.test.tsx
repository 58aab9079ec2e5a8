import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { WheelhouseError } from "../../src/errors.js";
import { FakeBackend, fakeRelease, fakeRevision } from "../support/fakeBackend.js";
import { ATTACK, HOSTILE_CHART_NAME, RAW_CONTROL } from "../support/hostileText.js";
import { KEY, renderApp } from "./harness.js";

afterEach(() => cleanup());

// Issue 14, item 3: what a chart or a release record says is drawn as text, never sent to the
// terminal to act on.
function hostileBackend(): FakeBackend {
  const evil = fakeRelease("evil", "prod", 1);
  evil.revisions = [
    fakeRevision(1, "superseded", { description: `Install complete${ATTACK.clear}\nFAKE-ROW` }),
    fakeRevision(2, "deployed", {
      chart: HOSTILE_CHART_NAME,
      appVersion: `1.0${ATTACK.retitle}`,
      description: `Upgrade complete${ATTACK.retitle}${ATTACK.bidi}`,
      notes: `Thanks${ATTACK.retitle}\nsafe${ATTACK.overwrite}\nrole: ${ATTACK.bidi}\ttabbed`,
      data: { comment: `${ATTACK.eraseAbove}${ATTACK.c1}` },
    }),
  ];
  const backend = new FakeBackend([evil]);
  backend.clusterInfo.namespace = "prod";
  return backend;
}

/** What Ink drew, without the styles (bold, inverse) it adds around our text. */
// eslint-disable-next-line no-control-regex
const drawn = (frame: string) => frame.replace(/\x1b\[[\d;]*m/g, "");

describe("untrusted text in the terminal UI", () => {
  it("shows the control characters of chart names, app versions and descriptions", async () => {
    const app = await renderApp(hostileBackend(), {}, { columns: 160, rows: 40 });
    const list = await app.waitFor("evil\\e]0;PWNED");
    expect(drawn(list)).not.toMatch(RAW_CONTROL);
    await app.press(KEY.enter);
    const history = await app.waitFor("Upgrade complete\\e]0");
    expect(drawn(history)).not.toMatch(RAW_CONTROL);
    expect(history).toContain("Install complete\\e[2");
    expect(history).not.toMatch(/^[│║\s]*FAKE-ROW/m); // a newline in a description draws no row
    // Every row is drawn the pane's width: nothing pushed the border out of line.
    const widths = new Set(
      drawn(history)
        .split("\n")
        .filter((l) => l.startsWith("│") || l.startsWith("║"))
        .map((l) => l.length),
    );
    expect(widths.size).toBeLessThanOrEqual(2);
  });

  it("shows the control characters of NOTES and the manifest, one row per line", async () => {
    const app = await renderApp(hostileBackend(), {}, { columns: 160, rows: 40 });
    await app.waitFor("evil\\e]0;PWNED");
    await app.press(KEY.enter);
    await app.waitFor("History prod/evil");
    await app.press("n");
    const notes = await app.waitFor("Thanks\\e]0;PWNED\\a");
    expect(drawn(notes)).not.toMatch(RAW_CONTROL);
    expect(notes).toContain("safe\\rOVERWRITTEN");
    expect(notes).toMatch(/role: \\u202enimda\\u202c +tabbed/);
    await app.press("m");
    const manifest = await app.waitFor("Manifest prod/evil revision 2");
    expect(drawn(manifest)).not.toMatch(RAW_CONTROL);
    expect(manifest).toContain("\\e[17A\\e[0J\\x9b2J\\x9d0;PWNED-C1\\x9c");
  });

  it("shows them in the diff viewer too", async () => {
    const app = await renderApp(hostileBackend(), {}, { columns: 160, rows: 40 });
    await app.waitFor("evil\\e]0;PWNED");
    await app.press(KEY.enter);
    await app.waitFor("History prod/evil");
    await app.press("k", "d"); // revision 1 against the deployed 2
    const diff = await app.waitFor("\\e[17A\\e[0J");
    expect(drawn(diff)).not.toMatch(RAW_CONTROL);
  });

  it("shows them in an error's message, details and hint", async () => {
    const backend = hostileBackend().fail(
      "history",
      new WheelhouseError("chart", `release "evil${ATTACK.retitle}" is unreadable`, {
        details: `entry ${ATTACK.clear}\nline two${ATTACK.overwrite}`,
        hint: `run ${ATTACK.c1}`,
      }),
    );
    const app = await renderApp(backend, {}, { columns: 160, rows: 40 });
    await app.waitFor("evil\\e]0;PWNED");
    await app.press(KEY.enter);
    const frame = await app.waitFor('release "evil\\e]0;PWNED\\a" is unreadable');
    expect(drawn(frame)).not.toMatch(RAW_CONTROL);
    expect(frame).toContain("entry \\e[2J");
    expect(frame).toContain("line two\\rOVERWRITTEN");
    expect(frame).toContain("hint: run \\x9b2J");
  });
});
