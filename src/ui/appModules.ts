/**
 * What runApp loads to draw: Ink's render, React's createElement and the
 * App. One module, so that the build can bundle it together with Ink, React
 * and @inkjs/ui (scripts/bundle.mjs).
 */
export { render } from "ink";
export { createElement } from "react";
export { App } from "./App.js";
