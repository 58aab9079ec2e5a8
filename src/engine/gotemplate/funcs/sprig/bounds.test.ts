import { describe, expect, it } from "vitest";
import { TemplateSet } from "../../template.js";
import { listFuncs } from "./lists.js";
import { stringFuncs } from "./strings.js";

function run(text: string): string {
  const set = new TemplateSet({ ...listFuncs, ...stringFuncs });
  set.parse("t", text);
  return set.execute("t", {});
}

// helm has no such bounds (a huge `until` hangs it or exhausts its memory); wheelhouse stops
// with an error naming the template and the call, as it does for a range over 10 million steps.
describe("bounds on what one function call may build", () => {
  it("refuses lists of more than 10 million items from until, untilStep and seq", () => {
    expect(() => run("{{ until 20000000 }}")).toThrow(
      /t:1:3: executing "t" at <until 20000000>: error calling until: the list would have more than 10000000 items/,
    );
    expect(() => run("{{ untilStep 0 30000000 1 }}")).toThrow(/more than 10000000 items/);
    expect(() => run("{{ seq 1 30000000 }}")).toThrow(/more than 10000000 items/);
  });

  it("still builds lists up to the bound, in either direction", () => {
    expect(run("{{ len (until 10000000) }}")).toBe("10000000");
    expect(run("{{ untilStep 3 0 -1 }}")).toBe("[3 2 1]");
  });

  it("refuses a repeat longer than 100 MiB", () => {
    expect(() => run('{{ repeat 200000000 "xy" }}')).toThrow(
      /error calling repeat: the result would be longer than 104857600 bytes/,
    );
    expect(run('{{ repeat 3 "xy" }}')).toBe("xyxyxy");
  });
});
