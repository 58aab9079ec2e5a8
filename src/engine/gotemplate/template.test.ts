/**
 * TemplateSet behaviour that needs no helm binary: helm's objects (structs with fields and
 * methods, named maps and slices with methods), typed function parameters, missingkey modes,
 * the name table rules, re-entrant execution and the resource bounds. Expected texts follow Go's
 * text/template source (exec.go/funcs.go); the language itself is compared with helm in
 * test/gotemplate/language.helm.test.ts.
 */
import { describe, expect, it } from "vitest";
import { FuncError, type FuncMap } from "./funcs/types.js";
import { TemplateExecError, TemplateParseError, TemplateSet } from "./template.js";
import {
  GoInt,
  GoObject,
  NO_FIELD,
  goFunction,
  mapMethods,
  sliceMethods,
  typedMap,
  typedSlice,
  type GoFunction,
  type GoValue,
} from "./value.js";

function render(src: string, data: GoValue = {}, funcs: FuncMap = {}, name = "t"): string {
  const set = new TemplateSet(funcs);
  set.parse(name, src);
  return set.execute(name, data);
}

function failure(src: string, data: GoValue = {}, funcs: FuncMap = {}): string {
  try {
    render(src, data, funcs);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

class Files extends GoObject {
  readonly goType = "files.Files";
  override method(name: string): GoFunction | undefined {
    if (name === "Get") return goFunction("Get", (p) => `content of ${String(p)}`);
    if (name === "Fail")
      return goFunction("Fail", () => {
        throw new FuncError("boom");
      });
    return undefined;
  }
  format(): string {
    return "map[]";
  }
}

class Release extends GoObject {
  readonly goType = "*release.Info";
  override field(name: string): GoValue | typeof NO_FIELD {
    if (name === "Name") return "rel";
    if (name === "Revision") return new GoInt(3);
    return NO_FIELD;
  }
  override method(name: string): GoFunction | undefined {
    // A method shadows a field of the same name.
    return name === "Name" ? goFunction("Name", () => "from-method") : undefined;
  }
  format(): string {
    return "{rel 3}";
  }
}

describe("helm's objects", () => {
  it("calls methods with evaluated arguments and reads fields", () => {
    const data = { Files: new Files(), Release: new Release(), Values: { p: "a.txt" } };
    expect(
      render('{{ .Files.Get "x" }}|{{ .Files.Get .Values.p }}|{{ .Release.Revision }}', data),
    ).toBe("content of x|content of a.txt|3");
    expect(render("{{ .Release.Name }}", data)).toBe("from-method");
    expect(render('{{ "y" | .Files.Get }}', data)).toBe("content of y");
  });

  it("reports a method's error as Go's error calling", () => {
    expect(failure("{{ .Files.Fail }}", { Files: new Files() })).toBe(
      'template: t:1:9: executing "t" at <.Files.Fail>: error calling Fail: boom',
    );
  });

  it("names the struct type when a field is missing", () => {
    expect(failure("{{ .Nope }}", new Release())).toBe(
      `template: t:1:3: executing "t" at <.Nope>: can't evaluate field Nope in type *release.Info`,
    );
    // Held in a map[string]interface{}, its static type is the interface.
    expect(failure("{{ .Release.Nope }}", { Release: new Release() })).toBe(
      `template: t:1:11: executing "t" at <.Release.Nope>: can't evaluate field Nope in type interface {}`,
    );
    expect(failure("{{ .Release.Revision 1 }}", { Release: new Release() })).toBe(
      'template: t:1:11: executing "t" at <.Release.Revision>: Revision has arguments but cannot be invoked as function',
    );
  });

  it("finds methods of named map and slice types before their keys", () => {
    mapMethods.set("test.Values", (m, name) =>
      name === "AsMap" ? goFunction("AsMap", () => ({ ...m })) : undefined,
    );
    sliceMethods.set("test.VersionSet", (s, name) =>
      name === "Has" ? goFunction("Has", (v) => s.includes(v)) : undefined,
    );
    const data = {
      Values: typedMap({ a: 1, AsMap: "key" }, "test.Values"),
      Versions: typedSlice(["v1", "apps/v1"], "test.VersionSet"),
    };
    expect(
      render('{{ .Values.AsMap.a }} {{ .Versions.Has "apps/v1" }} {{ .Versions.Has "x" }}', data),
    ).toBe("1 true false");
  });
});

describe("function arguments", () => {
  const funcs: FuncMap = {
    trunc: { fn: (n, s) => (s as string).slice(0, (n as GoInt).value), params: ["int", "string"] },
    round: { fn: (x) => Math.round(x as number), params: ["float64"] },
    typeOf: {
      fn: (v) => (v === null ? "nil" : v instanceof GoInt ? v.kind : typeof v),
      params: ["any"],
    },
    join: { fn: (sep, ...xs) => xs.join(sep as string), params: ["string"], variadic: "string" },
    list: { fn: (...xs) => xs },
    need: { fn: (m) => Object.keys(m as object).length, params: ["map"] },
  };

  it("gives number constants the parameter's type", () => {
    expect(
      render(
        "{{ trunc 2 \"abc\" }} {{ round 2 }} {{ typeOf 1 }} {{ typeOf 1.5 }} {{ typeOf 'a' }}",
        {},
        funcs,
      ),
    ).toBe("ab 2 int number int");
  });

  it("fails on values of the wrong type as Go does", () => {
    expect(failure('{{ trunc .n "abc" }}', { n: 2 }, funcs)).toBe(
      'template: t:1:9: executing "t" at <.n>: wrong type for value; expected int; got float64',
    );
    expect(failure('{{ trunc 1.5 "abc" }}', {}, funcs)).toBe(
      'template: t:1:9: executing "t" at <1.5>: expected integer; found 1.5',
    );
    expect(failure("{{ trunc 1 2 }}", {}, funcs)).toBe(
      'template: t:1:11: executing "t" at <2>: expected string; found 2',
    );
    expect(failure("{{ need .l }}", { l: [] }, funcs)).toBe(
      'template: t:1:8: executing "t" at <.l>: wrong type for value; expected map[string]interface {}; got []interface {}',
    );
    expect(failure("{{ trunc nil }}", {}, funcs)).toBe(
      'template: t:1:3: executing "t" at <trunc>: wrong number of args for trunc: want 2 got 1',
    );
    expect(failure('{{ trunc nil "x" }}', {}, funcs)).toBe(
      'template: t:1:9: executing "t" at <nil>: cannot assign nil to int',
    );
    expect(failure("{{ join }}", {}, funcs)).toBe(
      'template: t:1:3: executing "t" at <join>: wrong number of args for join: want at least 1 got 0',
    );
  });

  it("passes the previous pipeline value last, and no value as nil", () => {
    expect(
      render('{{ "abc" | trunc 2 }} {{ "b" | join "," "a" }} {{ typeOf .missing }}', {}, funcs),
    ).toBe("ab a,b nil");
    expect(render("{{ list 1 2 | len }}", {}, funcs)).toBe("2");
  });

  it("wraps a function's error and keeps it as the cause", () => {
    const boom = new FuncError("it broke");
    let caught: unknown;
    try {
      render(
        '{{ "a" | fail }}',
        {},
        {
          fail: {
            fn: () => {
              throw boom;
            },
          },
        },
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TemplateExecError);
    expect((caught as Error).message).toBe(
      'template: t:1:9: executing "t" at <fail>: error calling fail: it broke',
    );
    expect((caught as Error).cause).toBe(boom);
  });
});

describe("missingkey", () => {
  const data = { Values: { a: { b: 1 } } };
  it("zero (helm): a missing key is nil inside a chain and no value at the end", () => {
    expect(render("[{{ .Values.x }}]", data)).toBe("[<no value>]");
    expect(failure("{{ .Values.x.y }}", data)).toBe(
      'template: t:1:10: executing "t" at <.Values.x.y>: nil pointer evaluating interface {}.y',
    );
    expect(render("{{ .x }}", typedMap({ a: "1" }, "map[string]string"))).toBe("");
  });
  it("default: a missing key is no value all the way", () => {
    const set = new TemplateSet({}, { missingKey: "default" });
    set.parse("t", "[{{ .Values.x.y }}]");
    expect(set.execute("t", data)).toBe("[<no value>]");
  });
  it("error: a missing key fails", () => {
    const set = new TemplateSet({});
    set.setMissingKey("error");
    set.parse("t", "{{ .Values.x }}");
    expect(() => set.execute("t", data)).toThrow(
      'template: t:1:10: executing "t" at <.Values.x>: map has no entry for key "x"',
    );
  });
});

describe("the name table", () => {
  it("reports errors where the node was written, under the executing template's name", () => {
    const set = new TemplateSet({});
    set.parse("c/templates/_helpers.tpl", 'x\n{{ define "h" }}\n  {{ .Values.a.b }}{{ end }}');
    set.parse("c/templates/x.yaml", 'a: {{ template "h" . }}');
    let err: TemplateExecError | undefined;
    try {
      set.execute("c/templates/x.yaml", { Values: { a: 1 } });
    } catch (e) {
      err = e as TemplateExecError;
    }
    expect(err?.message).toBe(
      `template: c/templates/_helpers.tpl:3:12: executing "h" at <.Values.a.b>: can't evaluate field b in type interface {}`,
    );
    expect(err?.templateName).toBe("h");
    expect(err?.location).toEqual({ parseName: "c/templates/_helpers.tpl", line: 3, col: 12 });
    expect(err?.context).toBe(".Values.a.b");
  });

  it("lets a later definition replace an earlier one, but never an empty one", () => {
    const set = new TemplateSet({});
    set.parse("a", '{{ define "x" }}one{{ end }}');
    set.parse("b", '{{ define "x" }}two{{ end }}');
    set.parse("c", '{{ define "x" }}  {{/* nothing */}} {{ end }}');
    expect(set.execute("x", null)).toBe("two");
    expect(set.has("x") && set.has("a") && !set.has("nope")).toBe(true);
  });

  it("rejects two non-empty definitions in one file", () => {
    expect(() =>
      new TemplateSet({}).parse("f", '{{ define "x" }}1{{ end }}{{ define "x" }}2{{ end }}'),
    ).toThrow('template: f:1: template: multiple definition of template "x"');
  });

  it("reports a missing template as Go's ExecuteTemplate does", () => {
    expect(() => new TemplateSet({}).execute("nope", null)).toThrow(
      'template: no template "nope" associated with template "gotpl"',
    );
  });

  it("checks functions at parse time and gives structured parse errors", () => {
    let err: TemplateParseError | undefined;
    try {
      new TemplateSet({}).parse("f.yaml", "a\n{{ nope 1 }}");
    } catch (e) {
      err = e as TemplateParseError;
    }
    expect(err).toBeInstanceOf(TemplateParseError);
    expect(err?.message).toBe('template: f.yaml:2: function "nope" not defined');
    expect(err?.templateName).toBe("f.yaml");
    expect(err?.line).toBe(2);
    expect(err?.detail).toBe('function "nope" not defined');
  });

  it("clones share trees but not names or functions", () => {
    const set = new TemplateSet({ a: { fn: () => "A" } });
    set.parse("t", "{{ a }}");
    const c = set.clone();
    c.addFuncs({ b: { fn: () => "B" } });
    c.parse("u", '{{ b }}{{ template "t" }}');
    expect(c.execute("u", null)).toBe("BA");
    expect(set.has("u")).toBe(false);
    expect(() => set.parse("v", "{{ b }}")).toThrow('function "b" not defined');
  });
});

describe("re-entrant execution and bounds", () => {
  function withInclude(options = {}): TemplateSet {
    const set: TemplateSet = new TemplateSet(
      {
        include: {
          fn: (name, data) => set.execute(name as string, data),
          params: ["string", "any"],
        },
        dec: { fn: (n) => new GoInt((n as GoInt).value - 1), params: ["int"] },
      },
      options,
    );
    return set;
  }

  it("runs another template of the set from a function, 800 levels deep", () => {
    // Each include level costs about 1 KB of JS stack before the JIT warms up (~950 levels on
    // node's default stack, ~2300 once warm); vitest's workers leave a little less.
    const set = withInclude();
    set.parse("h", '{{ define "r" }}{{ if . }}{{ include "r" (dec .) }}{{ end }}x{{ end }}');
    expect(set.execute("r", new GoInt(800))).toBe("x".repeat(801));
  });

  it("stops a runaway {{template}} recursion with Go's error", () => {
    const set = withInclude();
    set.parse("h", '{{ define "r" }}{{ template "r" . }}{{ end }}');
    expect(() => set.execute("r", null)).toThrow(
      'template: h:1:28: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100000)',
    );
  });

  it("limits range steps across nested executions", () => {
    const set = withInclude({ maxRangeSteps: 1000 });
    set.parse(
      "h",
      '{{ define "inner" }}{{ range 600 }}{{ end }}{{ end }}{{ range 2 }}{{ include "inner" . }}{{ end }}',
    );
    expect(() => set.execute("h", null)).toThrow(/range exceeds the limit of 1000 steps/);
    set.parse("ok", "{{ range 999 }}{{ end }}done");
    expect(set.execute("ok", null)).toBe("done");
  });

  it("limits the output of one execution", () => {
    const set = withInclude({ maxOutputBytes: 1000 });
    set.parse("big", "{{ range 200 }}123456{{ end }}");
    expect(() => set.execute("big", null)).toThrow(
      'template: big:1:15: executing "big" at <123456>: output exceeds the limit of 1000 bytes',
    );
  });
});

describe("builtins text/template has but helm shadows (sprig's slice)", () => {
  // Expected texts from Go's funcs.go (helm cannot show them: sprig replaces `slice`).
  it("slices strings by bytes and slices", () => {
    expect(
      render('{{ slice "abcdef" 1 3 }} {{ slice .l 1 }} {{ slice .l }} {{ slice .l 0 1 2 }}', {
        l: [1, 2, 3],
      }),
    ).toBe("bc [2 3] [1 2 3] [1]");
  });
  it("fails as Go's slice does", () => {
    expect(failure("{{ slice .l 2 1 }}", { l: [1, 2, 3] })).toMatch(
      /error calling slice: invalid slice index: 2 > 1$/,
    );
    expect(failure('{{ slice "ab" 0 1 2 }}')).toMatch(
      /error calling slice: cannot 3-index slice a string$/,
    );
    expect(failure("{{ slice 3 }}")).toMatch(/error calling slice: can't slice item of type int$/);
    expect(failure("{{ slice .x }}")).toMatch(/error calling slice: slice of untyped nil$/);
  });
});
