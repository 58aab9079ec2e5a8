import { describe, expect, it } from "vitest";
import { encodingFuncs } from "../../../src/engine/gotemplate/funcs/sprig/encoding.js";
import { helmBinary, helmEach } from "./helmOracle.js";

const ENCODE = [
  "",
  "a",
  "ab",
  "abc",
  "abcd",
  "abcde",
  "héllo wörld ✓",
  "line\nbreak",
  "\u0000\u0001",
];
const B64 = [
  "",
  "YQ==",
  "YWI=",
  "YWJj",
  "YWJjZA==",
  "YWJjZA",
  "YWJjZB==",
  "YW Jj",
  "YWJj\nZA==",
  "YWJj\r\nZA=\n=",
  "a",
  "YWJj!",
  "=",
  "YQ=",
  "YQ==YQ==",
  "YQ==\n",
  "aGVsbG8=garbage",
  "w6k=",
];
const B32 = [
  "",
  "ME======",
  "MFRA====",
  "MFRGG===",
  "MFRGGZA=",
  "MFRGGZDF",
  "mfrgg===",
  "MFRGG==",
  "MFRGG",
  "M=======",
  "MFR=====",
  "MFRGGZ==",
  "MFRG\nG===",
  "MFRGG===MFRGG===",
  "MF!A====",
];

const run = (name: string, inputs: string[]): string[] =>
  inputs.map((s) => encodingFuncs[name]!.fn(s) as string);

describe.skipIf(helmBinary === undefined)("encoding functions against helm 4.1.4", () => {
  it.each([
    ["b64enc", ENCODE],
    ["b32enc", ENCODE],
    ["b64dec", B64],
    ["b32dec", B32],
  ])("%s matches helm, errors returned as text", (name, inputs) => {
    const helm = helmEach(inputs.map((s) => `${name} ${JSON.stringify(s)}`));
    expect(run(name, inputs)).toEqual(helm);
  });

  it("round-trips", () => {
    for (const s of ENCODE) {
      expect(encodingFuncs.b64dec!.fn(encodingFuncs.b64enc!.fn(s))).toBe(s);
      expect(encodingFuncs.b32dec!.fn(encodingFuncs.b32enc!.fn(s))).toBe(s);
    }
  });
});
