import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { ValuesError } from "../../src/engine/values/errors.js";
import { WheelhouseError } from "../../src/errors.js";
import { KEY, renderApp, standardBackend } from "./harness.js";

afterEach(() => cleanup());

/** The app on prod/web's upgrade values step, with an editor that records what it opened on. */
async function toValues(chart: string, edit: (initial: string) => string) {
  const opened: string[] = [];
  const backend = standardBackend();
  const app = await renderApp(backend, {}, undefined, {
    editor: async (initial) => {
      opened.push(initial);
      return edit(initial);
    },
  });
  await app.waitFor("web-1.2.0");
  await app.press(KEY.down, "u");
  await app.type(chart);
  await app.press(KEY.enter);
  await app.waitFor("e edit the current values");
  return { app, backend, opened };
}

describe("upgrade with values edited in $EDITOR", () => {
  it("says the chart does not load before the editor opens, back at the chart prompt", async () => {
    const { app, backend, opened } = await toValues("./wbe", () => "replicas: 7\n");
    backend.unloadableCharts.set(
      "./wbe",
      new WheelhouseError("chart", 'chart folder "./wbe" does not exist'),
    );
    await app.press("e");
    const frame = await app.waitFor("The chart does not load");
    expect(frame).toContain('chart folder "./wbe" does not exist');
    expect(frame).toContain("Chart to upgrade to");
    expect(opened).toEqual([]);
    expect(backend.count("planUpgrade")).toBe(0);
    // Fixing the path clears the error and goes on to the editor.
    await app.press(KEY.backspace, KEY.backspace);
    await app.type("eb");
    await app.waitFor((f) => f.includes("› ./web") && !f.includes("does not load"));
    await app.press(KEY.enter, "e");
    await app.waitFor("this writes revision 4");
    expect(opened).toEqual(["replicas: 3\n"]);
  });

  it("keeps the edits when the upgrade refuses them: R reopens the editor on them", async () => {
    let round = 0;
    const { app, backend, opened } = await toValues("./web", (initial) =>
      ++round === 1 ? "replicas: 3\n type: broken\n" : initial.replace(" type: broken\n", ""),
    );
    backend.fail(
      "planUpgrade",
      new ValuesError(
        "the edited values are not valid YAML: line 2, column 2: bad indentation of a mapping entry",
        { details: "1 | replicas: 3\n2 |  type: broken\n  |  ^" },
      ),
    );
    await app.press("e");
    const failed = await app.waitFor("Upgrade failed");
    expect(failed).toContain("line 2, column 2: bad indentation");
    expect(failed).toContain("2 |  type: broken");
    expect(failed).toContain("R reopens the editor on your edits");
    backend.succeed("planUpgrade");
    await app.press("R");
    await app.waitFor("this writes revision 4");
    expect(opened).toEqual(["replicas: 3\n", "replicas: 3\n type: broken\n"]);
    expect(backend.lastCall("planUpgrade")?.[0]).toMatchObject({
      values: { mode: "edited", yaml: "replicas: 3\n" },
    });
  });

  it("an emptied file cancels the edit, and the next edit starts from the release's values", async () => {
    let round = 0;
    const { app, opened } = await toValues("./web", () =>
      ++round === 1 ? "# nothing\n\n" : "replicas: 4\n",
    );
    await app.press("e");
    await app.waitFor("Empty values file: edit cancelled");
    await app.press("e");
    await app.waitFor("this writes revision 4");
    expect(opened).toEqual(["replicas: 3\n", "replicas: 3\n"]);
  });
});
