import { describe, expect, it } from "vitest";
import { formatData } from "./format.js";

describe("formatData", () => {
  it("prints YAML as helm's -o yaml does (sigs.k8s.io/yaml: keys sorted, YAML 1.1 words quoted)", async () => {
    const release = {
      revision: 2,
      name: "web",
      status: "deployed",
      app_version: "on",
      chart: "web-1.0.0",
    };
    expect(await formatData([release], "yaml")).toBe(
      [
        '- app_version: "on"',
        "  chart: web-1.0.0",
        "  name: web",
        "  revision: 2",
        "  status: deployed",
        "",
      ].join("\n"),
    );
  });
});
