import { plainValues } from "./types.js";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUserValues } from "./buildUserValues.js";
import { ValuesError } from "./errors.js";
import { mergeValues } from "./mergeValues.js";
import { parseValuesYaml, readValuesFile } from "./readValueFiles.js";
import type { Values } from "./types.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "wheelhouse-values-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function rejection(promise: Promise<unknown>): Promise<ValuesError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ValuesError);
    return err as ValuesError;
  }
  throw new Error("expected a ValuesError");
}

describe("readValuesFile", () => {
  it("parses a YAML map of values", async () => {
    const path = await file("ok.yaml", "replicaCount: 2\nimage:\n  tag: '1.0'\nports: [80, 443]\n");
    expect(await readValuesFile(path)).toEqual({
      replicaCount: 2,
      image: { tag: "1.0" },
      ports: [80, 443],
    });
  });

  it("reads an empty file or a lone null document as no values", async () => {
    expect(await readValuesFile(await file("empty.yaml", ""))).toEqual({});
    expect(await readValuesFile(await file("comments.yaml", "# nothing\n"))).toEqual({});
    expect(await readValuesFile(await file("null.yaml", "~\n"))).toEqual({});
  });

  it("names the file and line of a YAML syntax error, in helm's words", async () => {
    const path = await file("bad.yaml", "a: 1\nb:\n  c: [1, 2\nd: 3\n");
    const err = await rejection(readValuesFile(path));
    expect(err.kind).toBe("values");
    // What helm 4.1.4 prints for `helm template r c -f bad.yaml`.
    expect(err.message).toBe(
      `failed to parse ${path}: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']'`,
    );
  });

  it("names the file and line when the document is a list, not a map", async () => {
    const path = await file("list.yaml", "# values\n- a\n- b\n");
    const err = await rejection(readValuesFile(path));
    expect(err.message).toContain(path);
    expect(err.message).toContain("must hold a map");
    expect(err.message).toContain("line 2 starts a list");
  });

  it("rejects a scalar document", async () => {
    const err = await rejection(readValuesFile(await file("scalar.yaml", "just text\n")));
    expect(err.message).toContain("starts a string");
  });

  it("names a missing file", async () => {
    const path = join(dir, "nope.yaml");
    const err = await rejection(readValuesFile(path));
    expect(err.message).toBe(`cannot read values file ${path}: no such file`);
  });

  it("keeps the last of repeated keys and honours merge keys, as Helm's YAML reader does", () => {
    const text = "base: &b\n  a: 1\n  b: 2\nx:\n  <<: *b\n  b: 3\ndup: 1\ndup: 2\n";
    expect(parseValuesYaml(text, "t.yaml")).toEqual({
      base: { a: 1, b: 2 },
      x: { a: 1, b: 3 },
      dup: 2,
    });
  });

  it("types scalars as helm does (YAML 1.1): yes is a boolean, 0644 is octal", () => {
    expect(parseValuesYaml("a: yes\nb: 0644\nc: 0o644\nd: true\n", "t.yaml")).toEqual({
      a: true,
      b: 420,
      c: 420,
      d: true,
    });
  });

  it("merges the documents of a multi-document file, as helm 4 does", () => {
    expect(parseValuesYaml("a: 1\n---\nb: 2\n", "t.yaml")).toEqual({ a: 1, b: 2 });
  });
});

describe("mergeValues", () => {
  it("merges maps recursively and lets the override replace lists and scalars", () => {
    const base: Values = { image: { repo: "nginx", tag: "1" }, ports: [80, 443], n: 1 };
    const override: Values = { image: { tag: "2" }, ports: [8080], n: null };
    expect(mergeValues(base, override)).toEqual({
      image: { repo: "nginx", tag: "2" },
      ports: [8080],
      n: null,
    });
  });

  it("replaces a map with a scalar and a scalar with a map", () => {
    expect(mergeValues({ a: { b: 1 }, c: 1 }, { a: "x", c: { d: 2 } })).toEqual({
      a: "x",
      c: { d: 2 },
    });
  });

  it("changes neither input and shares no map or list with them", () => {
    const base: Values = { image: { repo: "nginx" }, list: [{ a: 1 }] };
    const override: Values = { image: { tag: "2" }, other: { x: [1] } };
    const snapshot = JSON.stringify([base, override]);
    const out = mergeValues(base, override);
    expect(JSON.stringify([base, override])).toBe(snapshot);
    (out.image as Values).repo = "changed";
    (out.list as Values[])[0]!.a = 2;
    ((out.other as Values).x as number[]).push(2);
    expect(JSON.stringify([base, override])).toBe(snapshot);
  });
});

describe("buildUserValues", () => {
  it("merges -f files in order, later files winning", async () => {
    const a = await file("a.yaml", "image:\n  repo: nginx\n  tag: '1'\nreplicas: 1\n");
    const b = await file("b.yaml", "image:\n  tag: '2'\n");
    expect(await buildUserValues({ valueFiles: [a, b] })).toEqual({
      image: { repo: "nginx", tag: "2" },
      replicas: 1,
    });
  });

  it("applies -f, then --set, --set-string, --set-file and --set-literal, each over the last", async () => {
    const a = await file("order.yaml", "a: file\nb: file\nc: file\nd: file\ne: file\n");
    const out = await buildUserValues(
      {
        valueFiles: [a],
        set: ["b=1", "c=1", "d=1", "e=1"],
        setString: ["c=2", "d=2", "e=2"],
        setFile: ["d=content.txt", "e=content.txt"],
        setLiteral: ["e=lit,eral"],
      },
      (path) => `read ${path}`,
    );
    expect(plainValues(out)).toEqual({
      a: "file",
      b: 1,
      c: "2",
      d: "read content.txt",
      e: "lit,eral",
    });
  });

  it("reads --set-file paths from disk by default", async () => {
    const path = await file("cert.pem", "-----BEGIN-----\n");
    expect(await buildUserValues({ setFile: [`tls.cert=${path}`] })).toEqual({
      tls: { cert: "-----BEGIN-----\n" },
    });
  });

  it("keeps --set nulls for coalescing to delete chart defaults", async () => {
    expect(await buildUserValues({ set: ["a.b=null"] })).toEqual({ a: { b: null } });
  });

  it("reports a bad --set expression as a ValuesError", async () => {
    const err = await rejection(buildUserValues({ set: ["ok=1", "a[x]=1"] }));
    // helm 4.1.4's words.
    expect(err.message).toBe(
      'failed parsing --set data: error parsing index: strconv.Atoi: parsing "x": invalid syntax',
    );
  });
});
