import { describe, expect, it } from "vitest";
import { ValuesError } from "./errors.js";
import { applySet, applySetFile, applySetJson, parseSetValues, typedValue } from "./setParser.js";
import { buildUserValues } from "./buildUserValues.js";
import { plainValues, type Values } from "./types.js";
import { GoInt } from "../gotemplate/value.js";

/** The values --set builds, integers shown as plain numbers (their int64 type has a test of its own). */
const set = (...exprs: string[]): Values => plainValues(parseSetValues(exprs, "set"));

function errorOf(fn: () => unknown): ValuesError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValuesError);
    return err as ValuesError;
  }
  throw new Error("expected a ValuesError");
}

describe("--set", () => {
  it("nests maps along a dotted path", () => {
    expect(set("image.repository.name=nginx")).toEqual({
      image: { repository: { name: "nginx" } },
    });
  });

  it("sets several keys from one comma-separated expression, each from the top", () => {
    expect(set("a.b=1,c=2,a.d=x")).toEqual({ a: { b: 1, d: "x" }, c: 2 });
  });

  it("merges into maps that are already there instead of replacing them", () => {
    const target: Values = { image: { repository: "nginx", tag: "1" } };
    applySet(target, "image.tag=2", "set");
    expect(plainValues(target)).toEqual({ image: { repository: "nginx", tag: 2 } });
  });

  it("keeps integers as int64, as helm's strvals does, so Go templates print them as integers", () => {
    const values = parseSetValues(["big=1000000,list={1,x}"], "set");
    expect(values.big).toEqual(new GoInt(1000000, "int64"));
    expect((values.list as unknown[])[0]).toEqual(new GoInt(1, "int64"));
    expect(JSON.stringify(values)).toBe('{"big":1000000,"list":[1,"x"]}');
  });

  it("types values like Helm's typedVal: ints, booleans in any case, null", () => {
    expect(set("i=42,neg=-7,plus=+3,zero=0,t=true,T=TRUE,f=False,n=null,N=NULL,s=hello")).toEqual({
      i: 42,
      neg: -7,
      plus: 3,
      zero: 0,
      t: true,
      T: true,
      f: false,
      n: null,
      N: null,
      s: "hello",
    });
  });

  it("keeps floats, leading zeros, hex and exponents as strings", () => {
    expect(set("a=1.5,b=007,c=0x10,d=1e3,e=1_000,f=")).toEqual({
      a: "1.5",
      b: "007",
      c: "0x10",
      d: "1e3",
      e: "1_000",
      f: "",
    });
  });

  it("keeps integers beyond int64, and beyond JavaScript's exact range, as strings", () => {
    expect(typedValue("9223372036854775808", "set")).toBe("9223372036854775808");
    expect(typedValue("9007199254740993", "set")).toBe("9007199254740993");
    expect(typedValue("9007199254740991", "set")).toEqual(new GoInt(9007199254740991, "int64"));
  });

  it("stores null rather than deleting, so coalescing can delete the chart default", () => {
    const target: Values = { a: 1, b: 2 };
    applySet(target, "a=null", "set");
    expect(target).toEqual({ a: null, b: 2 });
    expect(Object.hasOwn(target, "a")).toBe(true);
  });

  it("sets list elements by index and pads the list with null", () => {
    expect(set("a[2]=x")).toEqual({ a: [null, null, "x"] });
    expect(set("a[0]=x,a[1]=y")).toEqual({ a: ["x", "y"] });
  });

  it("sets maps inside list elements with a[0].b", () => {
    expect(set("ports[0].name=http,ports[0].port=80,ports[1].port=443")).toEqual({
      ports: [{ name: "http", port: 80 }, { port: 443 }],
    });
  });

  it("sets nested lists with a[0][1]", () => {
    expect(set("m[1][0]=x")).toEqual({ m: [null, ["x"]] });
  });

  it("replaces only the indexed element of an existing list", () => {
    const target: Values = { a: ["x", "y", "z"] };
    applySet(target, "a[1]=Y", "set");
    expect(target).toEqual({ a: ["x", "Y", "z"] });
  });

  it("sets keys inside maps that are already elements of a list", () => {
    const target: Values = { ports: [{ name: "http", port: 80 }, { name: "https" }] };
    applySet(target, "ports[0].port=8080,ports[1].port=8443", "set");
    expect(plainValues(target)).toEqual({
      ports: [
        { name: "http", port: 8080 },
        { name: "https", port: 8443 },
      ],
    });
  });

  it("fills a key that holds null with a new map or list", () => {
    const target: Values = { resources: null, hosts: null };
    applySet(target, "resources.limits.cpu=1,hosts[1]=b", "set");
    expect(plainValues(target)).toEqual({ resources: { limits: { cpu: 1 } }, hosts: [null, "b"] });
  });

  it("reads {x,y} as a list and types its items", () => {
    expect(set("a={x,2,true},b=c")).toEqual({ a: ["x", 2, true], b: "c" });
    expect(set("a[0]={1,2}")).toEqual({ a: [[1, 2]] });
  });

  it("reads {} as a list with one empty string, as Helm does", () => {
    expect(set("a={}")).toEqual({ a: [""] });
  });

  it("treats a backslash-escaped dot as part of the key", () => {
    expect(set("nodeSelector.kubernetes\\.io/os=linux")).toEqual({
      nodeSelector: { "kubernetes.io/os": "linux" },
    });
  });

  it("treats a backslash-escaped comma as part of the value", () => {
    expect(set("a=x\\,y,b=z")).toEqual({ a: "x,y", b: "z" });
    expect(set("a={x\\,y,z}")).toEqual({ a: ["x,y", "z"] });
  });

  it("keeps everything after the first = of the value, = signs included", () => {
    expect(set("a=b=c")).toEqual({ a: "b=c" });
  });

  it("adds a key named __proto__ as a plain key without touching the prototype", () => {
    const out = set("__proto__.polluted=yes");
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Values).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(["__proto__"]);
  });
});

describe("--set errors", () => {
  // Each message is what helm 4.1.4 prints after "Error: " for `--set EXPR`.
  it.each([
    ["a[x]=1", 'error parsing index: strconv.Atoi: parsing "x": invalid syntax'],
    ["a[-1]=2", "negative -1 index not allowed"],
    ["a[65537]=1", "index of 65537 is greater than maximum supported index of 65536"],
    ["a", 'key "a" has no value'],
    ["a.b", 'key "b" has no value'],
    ["a,b=1", 'key "a" has no value (cannot end with ,)'],
    ["a={x,y", "list must terminate with '}'"],
    ["a[0]x=1", "unexpected data at end of array index: ['x']"],
    ["a.=1", 'key map "a" has no value'],
    ["x=1,y", 'key "y" has no value'],
  ])("rejects %s with helm's message", (expr, reason) => {
    const err = errorOf(() => set(expr));
    expect(err.kind).toBe("values");
    expect(err.message).toBe(`failed parsing --set data: ${reason}`);
  });

  it.each([
    ["=1", {}],
    ["a[0", {}],
    ["a.", {}],
    ["a.b.", {}],
    ["a[0]", { a: [] }],
    ["a[0].b[1]", { a: [] }],
  ])(
    "accepts %s as helm does (its parser takes an early end of input for the end)",
    (expr, out) => {
      expect(set(expr)).toEqual(out);
    },
  );

  it("accepts the largest index Helm allows", () => {
    const out = set("a[65536]=1");
    expect((out.a as unknown[]).length).toBe(65537);
  });

  it("rejects paths nested deeper than 30 levels", () => {
    const deep = Array.from({ length: 32 }, (_, i) => `k${i}`).join(".") + "=1";
    expect(errorOf(() => set(deep)).message).toMatch(/maximum supported nested level of 30/);
    const ok = Array.from({ length: 31 }, (_, i) => `k${i}`).join(".") + "=1";
    expect(() => set(ok)).not.toThrow();
  });

  it("refuses to index into a key that holds a scalar", () => {
    expect(errorOf(() => set("a=1,a[0]=2")).message).toBe(
      "failed parsing --set data: unable to parse key: interface conversion: interface {} is int64, not []interface {}",
    );
  });

  it("refuses to descend into a key that holds a scalar", () => {
    expect(errorOf(() => set("a=1,a.b=2")).message).toBe(
      "failed parsing --set data: unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}",
    );
  });

  it("names the flag in the error", () => {
    expect(errorOf(() => parseSetValues(["a[x]=1"], "string")).message).toContain(
      "failed parsing --set-string data: ",
    );
  });
});

describe("--set-string", () => {
  it("keeps every value a string, null and numbers included", () => {
    expect(parseSetValues(["a=1,b=true,c=null,d={1,2}"], "string")).toEqual({
      a: "1",
      b: "true",
      c: "null",
      d: ["1", "2"],
    });
  });
});

describe("--set-literal", () => {
  it("takes everything after the first = verbatim: commas, braces and backslashes", () => {
    expect(parseSetValues(["a.b=x,y={z}\\n"], "literal")).toEqual({ a: { b: "x,y={z}\\n" } });
  });

  it("keeps a comma in the key and indexes lists", () => {
    expect(parseSetValues(["a,b=1", "l[1]=null"], "literal")).toEqual({
      "a,b": "1",
      l: [null, "null"],
    });
  });
});

describe("--set-file", () => {
  it("sets the content of the named file as a string", () => {
    const target: Values = {};
    const files: Record<string, string> = { "cfg/app.conf": "port: 80\n", "b.txt": "42" };
    applySetFile(target, "config=cfg/app.conf,b=b.txt", (path) => {
      const text = files[path];
      if (text === undefined) throw new Error("ENOENT");
      return text;
    });
    expect(target).toEqual({ config: "port: 80\n", b: "42" });
  });

  it("names the expression and the file when the file cannot be read", () => {
    const err = errorOf(() =>
      applySetFile({}, "cfg=missing.txt", () => {
        throw new Error("no such file or directory");
      }),
    );
    expect(err.message).toContain('--set-file "cfg=missing.txt"');
    expect(err.message).toContain("missing.txt: no such file or directory");
  });
});

describe("--set-json", () => {
  const json = (...exprs: string[]) => exprs.reduce<Values>((v, e) => applySetJson(v, e), {});

  it("sets JSON values along --set paths, commas inside the JSON included", () => {
    expect(
      json('tolerations=[{"key":"gpu","operator":"Exists"}],replicas=3', 'a.b[1]={"c":[1,"x,y"]}'),
    ).toEqual({
      tolerations: [{ key: "gpu", operator: "Exists" }],
      replicas: 3,
      a: { b: [null, { c: [1, "x,y"] }] },
    });
  });

  it("merges a whole JSON object at the top, maps key by key", () => {
    expect(json("a.keep=1", '{"a":{"add":true},"b":null}')).toEqual({
      a: { keep: 1, add: true },
      b: null,
    });
  });

  it("says which expression is not JSON, in helm's words", () => {
    expect(() => json("a={not json}")).toThrow(/^failed parsing --set-json data a=\{not json\}$/);
    expect(() => json("{broken")).toThrow(/^failed parsing --set-json data JSON: \{broken$/);
    expect(() => json("a")).toThrow(/^failed parsing --set-json data a$/);
  });

  it("reads an empty value as null and skips blanks around a value", () => {
    expect(json("a=,b= 1 ,c=2")).toEqual({ a: null, b: 1, c: 2 });
  });

  it("comes after -f files and before --set, as in helm", async () => {
    const values = await buildUserValues({
      setJson: ['image={"tag":"1.0","pullPolicy":"Always"}'],
      set: ["image.tag=2.0"],
    });
    expect(values).toEqual({ image: { tag: "2.0", pullPolicy: "Always" } });
  });
});
