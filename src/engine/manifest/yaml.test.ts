import { describe, expect, it } from "vitest";
import { manifestDocuments } from "./yaml.js";

describe("a manifest's documents", () => {
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
