import { describe, expect, it } from "vitest";
import { GoInt } from "../gotemplate/value.js";
import { diffValues, formatPath, formatValue, type ValueChange } from "./valuesDiff.js";
import type { Values } from "./types.js";

/** The changes as the CLI prints them, without colour. */
function lines(before: Values, after: Values): string[] {
  return diffValues(before, after).map(line);
}

function line(c: ValueChange): string {
  const path = formatPath(c.path);
  if (c.change === "added") return `+ ${path}: ${formatValue(c.after)}`;
  if (c.change === "removed") return `- ${path}: ${formatValue(c.before)}`;
  return `~ ${path}: ${formatValue(c.before)} → ${formatValue(c.after)}`;
}

describe("diffValues", () => {
  it("names each changed, added and removed leaf by its path", () => {
    expect(
      lines(
        { a: { b: [1, 2, { c: 3 }], y: 1 }, keep: "same" },
        { a: { b: [1, 2, { c: 5 }], x: "new" }, keep: "same" },
      ),
    ).toEqual(["~ a.b[2].c: 3 → 5", '+ a.x: "new"', "- a.y: 1"]);
  });

  it("matches list items by name when every item has a distinct one", () => {
    const env = (foo: string, extra = false) => ({
      env: [
        ...(extra ? [{ name: "NEW", value: "n" }] : []),
        { name: "FOO", value: foo },
        { name: "BAR", value: "b" },
      ],
    });
    expect(lines(env("a"), env("b", true))).toEqual([
      '+ env[name=NEW].value: "n"',
      '~ env[name=FOO].value: "a" → "b"',
    ]);
  });

  it("falls back to indexes when an item has no name or two share one", () => {
    expect(
      lines({ l: [{ name: "a", v: 1 }, { v: 2 }] }, { l: [{ name: "a", v: 1 }, { v: 3 }] }),
    ).toEqual(["~ l[1].v: 2 → 3"]);
    expect(
      lines(
        {
          l: [
            { name: "a", v: 1 },
            { name: "a", v: 2 },
          ],
        },
        { l: [{ name: "a", v: 1 }] },
      ),
    ).toEqual(['- l[1].name: "a"', "- l[1].v: 2"]);
  });

  it("quotes keys and names with dots or odd characters, escaping controls", () => {
    expect(
      lines({}, { annotations: { "example.com/team": "x", "a b": 1, "esc\x1b": 2, ok_key: 3 } }),
    ).toEqual([
      '+ annotations."example.com/team": "x"',
      '+ annotations."a b": 1',
      '+ annotations."esc\\u001b": 2',
      "+ annotations.ok_key: 3",
    ]);
    expect(formatPath([{ key: "ports" }, { name: "http.alt" }, { key: "port" }])).toBe(
      'ports[name="http.alt"].port',
    );
  });

  it("tells a string from a number and shows a multi-line string on one line", () => {
    expect(lines({ port: 80, motd: "hi" }, { port: "80", motd: "a\nb" })).toEqual([
      '~ port: 80 → "80"',
      '~ motd: "hi" → "a\\nb"',
    ]);
  });

  it("treats --set integers as the numbers they are", () => {
    expect(lines({ replicas: 3 }, { replicas: new GoInt(3) })).toEqual([]);
    expect(lines({ replicas: 3 }, { replicas: new GoInt(5) })).toEqual(["~ replicas: 3 → 5"]);
  });

  it("shows a scalar that became a map as its leaves going and coming", () => {
    expect(lines({ probe: true }, { probe: { path: "/healthz" } })).toEqual([
      "- probe: true",
      '+ probe.path: "/healthz"',
    ]);
    expect(lines({ tags: ["a"] }, { tags: [] })).toEqual(['- tags[0]: "a"']);
    expect(lines({}, { tags: [] })).toEqual(["+ tags: []"]);
  });

  it("finds nothing between equal trees, whatever their key order", () => {
    expect(
      lines({ a: 1, b: { c: [1, { name: "x" }] } }, { b: { c: [1, { name: "x" }] }, a: 1 }),
    ).toEqual([]);
  });
});

describe("named list items", () => {
  it("shows an added or removed item by its name, without repeating it", () => {
    expect(
      lines({ ports: [{ name: "http" }] }, { ports: [{ name: "http" }, { name: "grpc" }] }),
    ).toEqual(['+ ports[name=grpc]: {"name":"grpc"}']);
    expect(lines({ env: [{ name: "A", value: "1" }] }, { env: [] })).toEqual([
      '- env[name=A].value: "1"',
    ]);
  });
});
