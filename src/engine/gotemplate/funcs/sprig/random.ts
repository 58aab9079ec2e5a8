/**
 * Sprig's random strings, bytes and integers. The strings come from goutils' CryptoRandom, which
 * draws code points from ' '..'z' and keeps letters and/or digits — so every kept character is
 * equally likely, as drawing from the alphabet directly is. A negative count gives "" (sprig
 * drops goutils' error).
 */
import { randomBytes } from "node:crypto";
import { GoInt } from "../../value.js";
import { FuncError, type FuncMap } from "../types.js";
import { base64Encode } from "./encoding.js";
import { intArg } from "./common.js";

const DIGITS = "0123456789";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");

/** Charts ask for a few dozen characters; this bound only stops a runaway template. */
const MAX_COUNT = 100 * 1024 * 1024;

export function randomString(count: number, alphabet: string): string {
  if (count <= 0) return "";
  if (count > MAX_COUNT) throw new FuncError("runtime error: makeslice: len out of range");
  // Uniform choice by rejection sampling over random bytes, fetched in bulk.
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  while (out.length < count) {
    for (const b of randomBytes(Math.max(64, (count - out.length) * 2))) {
      if (b >= limit) continue;
      out += alphabet[b % alphabet.length]!;
      if (out.length === count) break;
    }
  }
  return out;
}

export const randomFuncs: FuncMap = {
  randAlphaNum: { params: ["int"], fn: (n) => randomString(intArg(n), DIGITS + LETTERS) },
  randAlpha: { params: ["int"], fn: (n) => randomString(intArg(n), LETTERS) },
  randNumeric: { params: ["int"], fn: (n) => randomString(intArg(n), DIGITS) },
  randAscii: { params: ["int"], fn: (n) => randomString(intArg(n), ASCII) },
  randBytes: {
    params: ["int"],
    fn: (n) => {
      const count = intArg(n);
      // make([]byte, -1) panics; the evaluator reports the panic as the call's error.
      if (count < 0 || count > MAX_COUNT)
        throw new FuncError("runtime error: makeslice: len out of range");
      return base64Encode(randomBytes(count));
    },
  },
  randInt: {
    params: ["int", "int"],
    fn: (min, max) => {
      const lo = intArg(min);
      const hi = intArg(max);
      // math/rand.Intn panics for n <= 0.
      if (hi - lo <= 0) throw new FuncError("invalid argument to Intn");
      return new GoInt(lo + Math.floor(Math.random() * (hi - lo)), "int");
    },
  },
};
