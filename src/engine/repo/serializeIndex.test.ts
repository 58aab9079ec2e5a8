import { describe, expect, it } from "vitest";
import { parseIndex, serializeIndex, type IndexChartVersion, type RepoIndex } from "./repoIndex.js";

/** Written by serializeIndex (helm's writer) and read by parseIndex (the data-file reader). */
function roundTrip(index: RepoIndex): RepoIndex {
  return parseIndex(serializeIndex(index), "mem").index;
}

describe("index.yaml written and read back", () => {
  it("is laid out as `helm repo index` writes it", () => {
    const index: RepoIndex = {
      apiVersion: "v1",
      generated: "2024-01-02T03:04:05.123456789Z",
      entries: {
        web: [
          {
            name: "web",
            version: "1.0.0",
            appVersion: "1.10",
            urls: ["https://charts.example.com/web-1.0.0.tgz"],
            digest: "0b1c",
            created: "2024-01-02T03:04:05.123456789Z",
            description: undefined,
          },
        ],
      },
    };
    expect(serializeIndex(index)).toBe(
      [
        "apiVersion: v1",
        "entries:",
        "  web:",
        '  - appVersion: "1.10"',
        '    created: "2024-01-02T03:04:05.123456789Z"',
        "    digest: 0b1c",
        "    name: web",
        "    urls:",
        "    - https://charts.example.com/web-1.0.0.tgz",
        "    version: 1.0.0",
        'generated: "2024-01-02T03:04:05.123456789Z"',
        "",
      ].join("\n"),
    );
  });

  it("keeps awkward descriptions exactly", () => {
    const descriptions = [
      "plain",
      "with: colon",
      "# hash first",
      "ends with colon:",
      "multi\nline\n\n text",
      "  leading spaces",
      "quote ' and \" both",
      "unicode é ✓ \u2028",
      "true",
      "yes",
      "1.0",
      "- dash",
      "[flow]",
      "&anchor",
      "*alias",
      "<<",
      "a long description ".repeat(10),
      "",
    ];
    const entries: IndexChartVersion[] = descriptions.map((description, i) => ({
      name: "c",
      version: `1.0.${i}`,
      description,
      urls: [`c-1.0.${i}.tgz`],
    }));
    const again = roundTrip({ apiVersion: "v1", entries: { c: entries }, generated: "t" });
    expect(again.entries.c!.map((e) => e.description).reverse()).toEqual(descriptions);
  });

  it("keeps 300 random strings exactly", () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    // No U+2028: helm writes it raw inside single quotes, which only a YAML 1.1 reader folds back.
    const alphabet = [..."ab 1.-:#'\"\\\n\t[]{}&*!|>%@`?,~é✓", "  ", ": ", " #"];
    const randomText = () =>
      Array.from({ length: rand(12) }, () => alphabet[rand(alphabet.length)]).join("");
    for (let i = 0; i < 300; i++) {
      const entry: IndexChartVersion = {
        name: `c${i}`,
        version: "1.0.0",
        description: randomText(),
        keywords: [randomText(), randomText()],
        annotations: { [randomText() || "k"]: randomText() },
        urls: ["c.tgz"],
      };
      const again = roundTrip({ apiVersion: "v1", entries: { [`c${i}`]: [entry] } });
      expect(again.entries[`c${i}`]).toEqual([entry]);
    }
  });
});
