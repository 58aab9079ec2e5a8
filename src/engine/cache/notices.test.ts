import { describe, expect, it } from "vitest";
import { cacheNotice, onCacheNotice } from "./notices.js";

describe("cache notices", () => {
  it("are said once per process, to the latest listener, and dropped with none", () => {
    const outer: string[] = [];
    const inner: string[] = [];
    cacheNotice("nobody hears this");
    const stopOuter = onCacheNotice((m) => outer.push(m));
    cacheNotice("ignoring template cache /x: owned by uid 1001");
    const stopInner = onCacheNotice((m) => inner.push(m));
    cacheNotice("ignoring template cache /x: owned by uid 1001");
    cacheNotice("ignoring code cache /y: a symbolic link");
    stopInner();
    cacheNotice("nobody hears this");
    stopOuter();
    expect(outer).toEqual(["ignoring template cache /x: owned by uid 1001", "nobody hears this"]);
    expect(inner).toEqual(["ignoring code cache /y: a symbolic link"]);
  });
});
