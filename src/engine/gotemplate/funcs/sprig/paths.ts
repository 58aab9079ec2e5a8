/**
 * Go's path package (base, dir, clean, ext, isAbs) and path/filepath (the os* variants). helm
 * runs on Unix here, where filepath uses '/' and no volume names, so both sets behave alike.
 */
import type { FuncMap } from "../types.js";
import { strArg } from "./common.js";

/** path.Clean: lexical processing of ".", ".." and repeated slashes; "" is ".". */
export function clean(path: string): string {
  if (path === "") return ".";
  const rooted = path[0] === "/";
  const n = path.length;
  let out = rooted ? "/" : "";
  let r = rooted ? 1 : 0;
  let dotdot = rooted ? 1 : 0;
  while (r < n) {
    if (path[r] === "/") r++;
    else if (path[r] === "." && (r + 1 === n || path[r + 1] === "/")) r++;
    else if (path[r] === "." && path[r + 1] === "." && (r + 2 === n || path[r + 2] === "/")) {
      r += 2;
      if (out.length > dotdot) {
        let w = out.length - 1;
        while (w > dotdot && out[w] !== "/") w--;
        out = out.slice(0, w);
      } else if (!rooted) {
        out += out.length > 0 ? "/.." : "..";
        dotdot = out.length;
      }
    } else {
      if ((rooted && out.length !== 1) || (!rooted && out.length !== 0)) out += "/";
      const end = path.indexOf("/", r);
      const stop = end < 0 ? n : end;
      out += path.slice(r, stop);
      r = stop;
    }
  }
  return out === "" ? "." : out;
}

/** path.Base: the last element, trailing slashes ignored; "" is "." and all slashes "/". */
export function base(path: string): string {
  if (path === "") return ".";
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  if (end === 0) return "/";
  return path.slice(path.lastIndexOf("/", end - 1) + 1, end);
}

/** path.Dir: everything up to the last slash, cleaned. */
export function dir(path: string): string {
  return clean(path.slice(0, path.lastIndexOf("/") + 1));
}

/** path.Ext: from the last dot of the last element ("" without one). */
export function ext(path: string): string {
  for (let i = path.length - 1; i >= 0 && path[i] !== "/"; i--)
    if (path[i] === ".") return path.slice(i);
  return "";
}

const S: ["string"] = ["string"];
export const pathFuncs: FuncMap = {
  base: { fn: (p) => base(strArg(p)), params: S },
  dir: { fn: (p) => dir(strArg(p)), params: S },
  clean: { fn: (p) => clean(strArg(p)), params: S },
  ext: { fn: (p) => ext(strArg(p)), params: S },
  isAbs: { fn: (p) => strArg(p).startsWith("/"), params: S },
  osBase: { fn: (p) => base(strArg(p)), params: S },
  osClean: { fn: (p) => clean(strArg(p)), params: S },
  osDir: { fn: (p) => dir(strArg(p)), params: S },
  osExt: { fn: (p) => ext(strArg(p)), params: S },
  osIsAbs: { fn: (p) => strArg(p).startsWith("/"), params: S },
};
