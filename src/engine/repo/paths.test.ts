import { describe, expect, it } from "vitest";
import { indexCacheFiles, repoPaths } from "./paths.js";

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

  it("keeps every cache file of a repository inside the cache folder", () => {
    const paths = { config: "/c/repositories.yaml", cache: "/k/repository" };
    expect(indexCacheFiles(paths, "..")).toEqual({
      yaml: "/k/repository/..-index.yaml",
      json: "/k/repository/..-index.json",
    });
    for (const [name, why] of [
      ["../../..", 'contains "/"'],
      ["a\\..\\b", 'contains "\\"'],
      ["a\u0000b", "control character"],
      ["", "is empty"],
      ["x".repeat(201), "longer than 200 bytes"],
    ])
      expect(() => indexCacheFiles(paths, name!)).toThrow(why);
  });
});
