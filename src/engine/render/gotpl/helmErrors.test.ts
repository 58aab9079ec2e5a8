import { describe, expect, it } from "vitest";
import { helmExecError, helmParseError, warnWrap } from "./helmErrors.js";

// Expected texts are what helm 4.1.4 printed (after "Error: ") for the same templates.
describe("helm's wording of template errors", () => {
  it("turns a Go parse error into helm's one-line parse error", () => {
    expect(
      helmParseError(
        "te/templates/y.yaml",
        "template: te/templates/y.yaml:3: unclosed action started at te/templates/y.yaml:2",
      ),
    ).toBe(
      "parse error at (te/templates/y.yaml:3): unclosed action started at te/templates/y.yaml:2",
    );
  });

  it("prints required and fail messages with the outermost location only", () => {
    const go = `template: te/templates/y.yaml:2:6: executing "te/templates/y.yaml" at <required "need b" .Values.b>: error calling required: ${warnWrap("need b")}`;
    expect(helmExecError("te/templates/y.yaml", go)).toBe(
      "execution error at (te/templates/y.yaml:2:6): need b",
    );
  });

  it("walks an include chain into helm's indented trace", () => {
    const go =
      'template: te/templates/y.yaml:2:6: executing "te/templates/y.yaml" at <include "x" .>: error calling include: ' +
      'template: te/templates/_helpers.tpl:2:12: executing "x" at <.Values.a.b>: nil pointer evaluating interface {}.b';
    expect(helmExecError("te/templates/y.yaml", go)).toBe(
      [
        "te/templates/y.yaml:2:6",
        '  executing "te/templates/y.yaml" at <include "x" .>:',
        "    error calling include:",
        "te/templates/_helpers.tpl:2:12",
        '  executing "x" at <.Values.a.b>:',
        "    nil pointer evaluating interface {}.b",
      ].join("\n"),
    );
  });

  it("gives up and prints Go's text when a link is not a template error (tpl)", () => {
    const go =
      'template: te/templates/y.yaml:2:6: executing "te/templates/y.yaml" at <tpl "{{ .Values.a.b }}" .>: error calling tpl: ' +
      'error during tpl function execution for "{{ .Values.a.b }}": template: gotpl:1:10: executing "gotpl" at <.Values.a.b>: nil pointer evaluating interface {}.b';
    expect(helmExecError("te/templates/y.yaml", go)).toBe(go);
  });

  it("prints a single-level error as location, action and message", () => {
    const go =
      'template: te/templates/_helpers.tpl:2:12: executing "x" at <.Values.a.b>: nil pointer evaluating interface {}.b';
    expect(helmExecError("te/templates/y.yaml", go)).toBe(
      'te/templates/_helpers.tpl:2:12\n  executing "x" at <.Values.a.b>:\n    nil pointer evaluating interface {}.b',
    );
  });
});
