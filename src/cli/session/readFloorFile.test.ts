import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ReadFloor } from "../../kube/readFloor.js";
import { loadReadFloor, saveReadFloor } from "./readFloorFile.js";

let home: string;
let env: NodeJS.ProcessEnv;
const server = "https://127.0.0.1:6443";
const dir = () => join(home, "state", "wheelhouse", "read-floor");

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "wh-floor-"));
  env = { HOME: home, XDG_STATE_HOME: join(home, "state") };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe("the read floor between processes", () => {
  it("hands the last write's resourceVersion to the next process on the same server", () => {
    const install = new ReadFloor();
    install.wrote("secrets", "4711");
    saveReadFloor(install, server, env);
    expect(statSync(dir()).mode & 0o777).toBe(0o700);
    const [file] = readdirSync(dir());
    expect(statSync(join(dir(), file!)).mode & 0o777).toBe(0o600);

    const list = new ReadFloor();
    loadReadFloor(list, server, env);
    expect(list.cachedQuery("secrets", "list")).toEqual({
      resourceVersion: "4711",
      resourceVersionMatch: "NotOlderThan",
    });
    const elsewhere = new ReadFloor();
    loadReadFloor(elsewhere, "https://other:6443", env);
    expect(elsewhere.cachedQuery("secrets", "list")).toEqual({ resourceVersion: "0" });
  });

  it("writes nothing for a process that wrote nothing", () => {
    saveReadFloor(new ReadFloor(), server, env);
    expect(existsSync(dir())).toBe(false);
  });

  it("ignores a floor in a directory others can write to, and a damaged file", () => {
    const install = new ReadFloor();
    install.wrote("secrets", "4711");
    saveReadFloor(install, server, env);
    chmodSync(dir(), 0o777);
    const list = new ReadFloor();
    loadReadFloor(list, server, env);
    expect(list.cachedQuery("secrets", "list")).toEqual({ resourceVersion: "0" });

    chmodSync(dir(), 0o700);
    const [file] = readdirSync(dir());
    writeFileSync(join(dir(), file!), "{not json", { mode: 0o600 });
    const again = new ReadFloor();
    loadReadFloor(again, server, env);
    expect(again.cachedQuery("secrets", "list")).toEqual({ resourceVersion: "0" });
  });
});
