import { describe, expect, it } from "vitest";
import { loadManifestYaml, manifestDocuments } from "./yaml.js";

describe("reading manifest YAML", () => {
  it("keeps timestamps as strings and resolves merge keys, as the API server would see them", () => {
    expect(loadManifestYaml("when: 2024-01-01\nbase: &b {a: 1}\nuse:\n  <<: *b\n  c: 2\n")).toEqual(
      {
        when: "2024-01-01",
        base: { a: 1 },
        use: { a: 1, c: 2 },
      },
    );
  });

  it("splits a stored manifest into documents with their Source and text", () => {
    const docs = manifestDocuments(
      "---\n# Source: web/templates/a.yaml\nkind: A\n---\n# Source: web/templates/b.yaml\nkind: B\n",
    );
    expect(docs).toEqual([
      { source: "web/templates/a.yaml", text: "kind: A", value: { kind: "A" } },
      { source: "web/templates/b.yaml", text: "kind: B", value: { kind: "B" } },
    ]);
  });
});
