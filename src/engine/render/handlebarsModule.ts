/**
 * Handlebars, loaded the first time a Handlebars chart is rendered: it is a CommonJS package of
 * some 40 modules, and most charts (Go templates) never need it.
 */
import { createRequire } from "node:module";
import type Handlebars from "handlebars";

let loaded: typeof Handlebars | undefined;

export function handlebars(): typeof Handlebars {
  loaded ??= createRequire(import.meta.url)("handlebars") as typeof Handlebars;
  return loaded;
}
