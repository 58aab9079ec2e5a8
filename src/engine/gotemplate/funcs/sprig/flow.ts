/**
 * sprig's flow control: `fail` returns its message as the call's error (helm reports it as
 * `error calling fail: MSG`). `hello`, sprig's smoke-test function, lives with the strings.
 */
import { FuncError, type FuncMap } from "../types.js";
import { strArg } from "./common.js";

export const flowFuncs: FuncMap = {
  fail: {
    fn: (msg) => {
      throw new FuncError(strArg(msg));
    },
    params: ["string"],
  },
};
