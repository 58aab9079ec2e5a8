import { describe, expect, it } from "vitest";
import { parseChallenge } from "./auth.js";
import { goJson, helmAnnotations, helmConfigJson } from "./helmManifest.js";
import {
  formatOciReference,
  parseOciReference,
  tagForVersion,
  versionForTag,
} from "./reference.js";
import { chartVersionsOf, pickVersion } from "./versions.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

describe("oci:// references", () => {
  it("splits host, port, path, tag and digest", () => {
    expect(parseOciReference("oci://registry-1.docker.io/bitnamicharts/nginx")).toEqual({
      host: "registry-1.docker.io",
      repository: "bitnamicharts/nginx",
    });
    expect(parseOciReference(`oci://127.0.0.1:5000/a/b/chart:1.2.3_meta@${DIGEST}`)).toEqual({
      host: "127.0.0.1:5000",
      repository: "a/b/chart",
      tag: "1.2.3_meta",
      digest: DIGEST,
    });
    expect(formatOciReference(parseOciReference(`oci://h:1/c:2@${DIGEST}`))).toBe(
      `oci://h:1/c:2@${DIGEST}`,
    );
  });

  it("says which part is wrong", () => {
    expect(() => parseOciReference("oci://host")).toThrow("expected oci://HOST/PATH/CHART");
    expect(() => parseOciReference("oci://host/Upper")).toThrow('"Upper" is not a repository path');
    expect(() => parseOciReference("oci://host/c@sha256:12")).toThrow("is not a sha256 digest");
    expect(() => parseOciReference("oci://host/c:bad+tag")).toThrow('"bad+tag" is not a valid tag');
  });

  it("maps + in versions to _ in tags and back", () => {
    expect(tagForVersion("1.0.0+build.5")).toBe("1.0.0_build.5");
    expect(versionForTag("1.0.0_build.5")).toBe("1.0.0+build.5");
  });
});

describe("versions from tags, as helm's registry client reads them", () => {
  it("keeps strict SemVer tags, newest first", () => {
    expect(
      chartVersionsOf(["latest", "1.0", "v1.2.0", "0.9.0", "1.10.0", "1.2.0-rc.1", "1.2.0_b"]),
    ).toEqual(["1.10.0", "1.2.0+b", "1.2.0-rc.1", "0.9.0"]);
  });

  it("picks an exact match, else the newest in the range; stable only unless --devel", () => {
    const versions = ["2.0.0-beta.1", "1.5.0", "1.4.2", "1.0.0"];
    expect(pickVersion(versions, undefined, false, "x")).toBe("1.5.0");
    expect(pickVersion(versions, undefined, true, "x")).toBe("2.0.0-beta.1");
    expect(pickVersion(versions, "~1.4", false, "x")).toBe("1.4.2");
    expect(pickVersion(versions, "1.0.0", false, "x")).toBe("1.0.0");
    expect(() => pickVersion(versions, "^3", false, "oci://h/c")).toThrow(
      "oci://h/c has no version matching ^3",
    );
    expect(() => pickVersion(versions, "not a range!", false, "x")).toThrow(
      "is neither a version nor a range",
    );
  });
});

describe("WWW-Authenticate challenges", () => {
  it("reads Bearer parameters, commas inside quotes included", () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"',
      ),
    ).toEqual({
      scheme: "bearer",
      params: {
        realm: "https://auth.example.com/token",
        service: "registry.example.com",
        scope: "repository:a/b:pull,push",
      },
    });
    expect(parseChallenge('Basic realm="x"')).toEqual({ scheme: "basic", params: { realm: "x" } });
    expect(parseChallenge(undefined)).toBeUndefined();
  });
});

describe("what helm push writes", () => {
  it("escapes JSON as Go does", () => {
    expect(goJson({ a: "<b> & \u2028" })).toBe('{"a":"\\u003cb\\u003e \\u0026 \\u2028"}');
  });

  it("writes Chart.yaml's metadata in the Go struct's order, empty fields left out", () => {
    const config = helmConfigJson({
      apiVersion: "v2",
      name: "c",
      version: "1.0.0",
      appVersion: "2",
      annotations: { z: "1", a: "2" },
      deprecated: false,
      dependencies: [{ name: "d", repository: "", version: "1.x" }],
    });
    expect(config.toString()).toBe(
      '{"name":"c","version":"1.0.0","apiVersion":"v2","appVersion":"2","annotations":{"a":"2","z":"1"},"dependencies":[{"name":"d","version":"1.x","repository":""}]}',
    );
  });

  it("annotates as helm: OCI keys from Chart.yaml, then its annotations except title and version", () => {
    const annotations = helmAnnotations(
      {
        apiVersion: "v2",
        name: "c",
        version: "1.0.0",
        maintainers: [{ name: "A", email: "a@x" }, { name: "B" }],
        annotations: { "org.opencontainers.image.title": "no", extra: "yes" },
      },
      new Date("2024-01-02T03:04:05.678Z"),
    );
    expect(annotations).toEqual({
      extra: "yes",
      "org.opencontainers.image.authors": "A (a@x), B",
      "org.opencontainers.image.created": "2024-01-02T03:04:05Z",
      "org.opencontainers.image.title": "c",
      "org.opencontainers.image.version": "1.0.0",
    });
  });
});
