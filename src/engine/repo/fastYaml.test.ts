import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseSimpleYaml, Unsupported } from "./fastYaml.js";
import { serializeIndex, type RepoIndex } from "./repoIndex.js";

/** The fast reader either agrees with the full parser or declines. */
function agrees(text: string): "same" | "declined" {
  let fast: unknown;
  try {
    fast = parseSimpleYaml(text);
  } catch (err) {
    if (err instanceof Unsupported) return "declined";
    throw err;
  }
  expect(fast).toEqual(parseYaml(text));
  return "same";
}

const HELM_STYLE = `apiVersion: v1
entries:
  web:
  - annotations:
      category: Infrastructure
      "quoted key": 'it''s'
    apiVersion: v2
    appVersion: "1.10"
    created: "2024-01-02T03:04:05.123456789Z"
    dependencies:
    - condition: redis.enabled
      name: redis
      repository: https://charts.example.com
      version: 17.x.x
    description: A web server, fast   # a comment
    digest: 0b1c2d
    home: https://example.com/#top
    icon: https://example.com/icon.png
    keywords:
    - http
    - "yes"
    - 'no'
    maintainers:
    - email: a@example.com
      name: Ann
    name: web
    sources: []
    urls:
    - https://example.com/web-1.0.0.tgz
    version: 1.0.0
    deprecated: false
    kubeVersion: '>=1.20.0-0'
    empty:
    num: 12
    float: 1.5
    esc: "tab\\there \\u00e9 \\"q\\" \\\\"
  db:
    - name: db
      version: 0.1.0-rc.1
      description: |
        Line one
          indented

        after blank
      folded: >-
        folded
        text

        para
      keep: |+
        kept

      urls:
        - db-0.1.0-rc.1.tgz
generated: "2024-01-02T03:04:05Z"
serverInfo: {}
`;

describe("the fast index.yaml reader", () => {
  it("reads Helm-style and indented indexes exactly as the yaml package does", () => {
    expect(agrees(HELM_STYLE)).toBe("same");
    expect(agrees(HELM_STYLE.replace(/\n/g, "\r\n"))).toBe("same");
    expect(agrees(`---\n# comment\n${HELM_STYLE}`)).toBe("same");
  });

  it("reads what serializeIndex writes, with awkward descriptions", () => {
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
      "1.0",
      "- dash",
      "[flow]",
      "&anchor",
      "",
    ];
    const index: RepoIndex = { apiVersion: "v1", entries: {}, generated: "2024-01-01T00:00:00Z" };
    index.entries.c = descriptions.map((description, i) => ({
      name: "c",
      version: `1.0.${i}`,
      description,
      urls: [`c-1.0.${i}.tgz`],
    }));
    expect(agrees(serializeIndex(index))).toBe("same");
  });

  it("agrees with the yaml package on 300 random documents", () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = [..."ab 1.-:#'\"\\\n\t[]{}&*!|>%@`?,~é✓", "\u2028", "  ", ": ", " #"];
    const randomText = () =>
      Array.from({ length: rand(12) }, () => alphabet[rand(alphabet.length)]).join("");
    let same = 0;
    for (let i = 0; i < 300; i++) {
      const index: RepoIndex = { apiVersion: "v1", entries: {} };
      index.entries[`c${i}`] = [
        {
          name: `c${i}`,
          version: "1.0.0",
          description: randomText(),
          keywords: [randomText(), randomText()],
          annotations: { [randomText() || "k"]: randomText() },
          urls: ["c.tgz"],
        },
      ];
      const text = serializeIndex(index);
      if (agrees(text) === "same") same++;
      // Also as raw lines an editor might write: plain "key: value" pairs.
      agrees(`a: ${randomText()}\nb:\n  - ${randomText()}\n`);
    }
    expect(same).toBeGreaterThan(200);
  });

  it("declines what it does not handle instead of guessing", () => {
    for (const text of [
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: [1, 2]\n",
      'a: "multi\n  line"\n',
      "a: plain\n  continued\n",
      "a: 1\na: 2\n",
      "a:\n\t- x\n",
      "? complex\n: key\n",
      "a: 1\n---\nb: 2\n",
      "<<: {}\n",
    ]) {
      expect(agrees(text), text).toBe("declined");
    }
  });
});
