import { describe, expect, it } from "vitest";
import { shellQuote } from "../shellWords.js";
import { equivalentCommands } from "./commandLine.js";

const web = { name: "web", namespace: "prod" };
const home = { context: "dev", defaultContext: "dev", defaultNamespace: "prod" };

describe("the command line a UI action stands for", () => {
  it("names the namespace and context only where a shell's defaults differ", () => {
    expect(equivalentCommands({ kind: "rollback", release: web, target: 2 }, home)).toEqual({
      wheelhouse: "wheelhouse rollback web 2",
      helm: "helm rollback web 2",
    });
    const away = { context: "prod-eu", defaultContext: "dev", defaultNamespace: "default" };
    expect(equivalentCommands({ kind: "rollback", release: web, target: 2 }, away).helm).toBe(
      "helm rollback web 2 -n prod --kube-context prod-eu",
    );
  });

  it("carries the chart, version and values the user chose, shell-quoted", () => {
    const upgrade = (values: never) =>
      equivalentCommands(
        {
          kind: "upgrade",
          request: { release: web, chart: "./my charts/web", version: ">=1.2 <2", values },
        },
        home,
      ).wheelhouse;
    expect(upgrade({ mode: "reuse" } as never)).toBe(
      "wheelhouse upgrade web './my charts/web' --version '>=1.2 <2'",
    );
    expect(upgrade({ mode: "reset" } as never)).toMatch(/ --reset-values$/);
    expect(upgrade({ mode: "edited", yaml: "a: 1" } as never)).toMatch(
      / --reset-values -f edited-values.yaml$/,
    );
  });

  it("has helm's line only where helm has the command", () => {
    expect(equivalentCommands({ kind: "recover", release: web }, home)).toEqual({
      wheelhouse: "wheelhouse recover web",
    });
    expect(
      equivalentCommands({ kind: "uninstall", release: web, keepHistory: true }, home).helm,
    ).toBe("helm uninstall web --keep-history");
  });

  it("quotes what a shell would split or expand", () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("$HOME")).toBe("'$HOME'");
    expect(shellQuote("oci://r.example/c@1.0")).toBe("oci://r.example/c@1.0");
  });
});
