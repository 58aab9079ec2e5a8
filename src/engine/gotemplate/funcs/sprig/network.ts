/**
 * getHostByName as helm registers it: helm replaces sprig's DNS lookup with a function returning ""
 * unless DNS lookups are enabled (`--enable-dns`), which wheelhouse does not offer — rendering
 * stays free of network access and repeatable.
 */
import type { FuncMap } from "../types.js";

export const networkFuncs: FuncMap = {
  getHostByName: { params: ["string"], fn: () => "" },
};
