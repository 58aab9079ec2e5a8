import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readUserConfig, userConfigPath } from "./userConfig.js";

function withConfig(text: string | undefined): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), "wh-config-"));
  const env = { XDG_CONFIG_HOME: join(home, "xdg") };
  if (text !== undefined) {
    mkdirSync(join(home, "xdg", "wheelhouse"), { recursive: true });
    writeFileSync(userConfigPath(env), text);
  }
  return env;
}

const failure = (env: NodeJS.ProcessEnv) => {
  try {
    readUserConfig(env);
  } catch (err) {
    return (err as Error).message.replace(userConfigPath(env), "CONFIG");
  }
  return "no error";
};

describe("wheelhouse's config file", () => {
  it("lives under $XDG_CONFIG_HOME, else ~/.config", () => {
    expect(userConfigPath({ XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe("/x/wheelhouse/config.yaml");
    expect(userConfigPath({ HOME: "/h" })).toBe("/h/.config/wheelhouse/config.yaml");
  });

  it("reads the context patterns; no file or an empty one is no rules", () => {
    const env = withConfig(
      'protectedContexts: ["prod-*", "*-production"]\nreadonlyContexts:\n  - audit\n',
    );
    expect(readUserConfig(env)).toEqual({
      protectedContexts: ["prod-*", "*-production"],
      readonlyContexts: ["audit"],
    });
    expect(readUserConfig(withConfig(undefined))).toEqual({
      protectedContexts: [],
      readonlyContexts: [],
    });
    expect(readUserConfig(withConfig(""))).toEqual({ protectedContexts: [], readonlyContexts: [] });
  });

  it("says which file and line is wrong, and how", () => {
    expect(failure(withConfig("# mine\nprotectedContext: [prod]\n"))).toBe(
      'CONFIG:2: unknown setting "protectedContext" (known: readonlyContexts, protectedContexts)',
    );
    expect(failure(withConfig("readonlyContexts:\n  - ok\n  - 3\n"))).toBe(
      "CONFIG:3: readonlyContexts.1 must be string",
    );
    expect(failure(withConfig("protectedContexts: prod-*\n"))).toBe(
      "CONFIG:1: protectedContexts must be array",
    );
    expect(failure(withConfig("protectedContexts: [prod\n"))).toMatch(/^CONFIG:2: is not YAML: /);
  });
});
