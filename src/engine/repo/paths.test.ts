import { describe, expect, it } from "vitest";
import { repoPaths } from "./paths.js";

describe("repoPaths", () => {
  it("uses the XDG folders, then ~/.config and ~/.cache", () => {
    expect(repoPaths({ HOME: "/h", XDG_CONFIG_HOME: "/c", XDG_CACHE_HOME: "/k" })).toEqual({
      config: "/c/wheelhouse/repositories.yaml",
      cache: "/k/wheelhouse/repository",
    });
    expect(repoPaths({ HOME: "/h" })).toEqual({
      config: "/h/.config/wheelhouse/repositories.yaml",
      cache: "/h/.cache/wheelhouse/repository",
    });
  });

  it("lets the environment variables and then the flags override them", () => {
    const env = {
      HOME: "/h",
      WHEELHOUSE_REPOSITORY_CONFIG: "/e/repos.yaml",
      WHEELHOUSE_REPOSITORY_CACHE: "/e/cache",
    };
    expect(repoPaths(env)).toEqual({ config: "/e/repos.yaml", cache: "/e/cache" });
    expect(
      repoPaths(env, { repositoryConfig: "/f/repos.yaml", repositoryCache: "/f/cache" }),
    ).toEqual({ config: "/f/repos.yaml", cache: "/f/cache" });
  });
});
