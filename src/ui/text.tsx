import { Spinner as InkSpinner } from "@inkjs/ui";
import { Text as InkText, type TextProps } from "ink";
import React, { createContext, useContext } from "react";
import { shownLine, shownText } from "./shown.js";

/** A truncating Text is one row, and so is every Text inside it. */
const OneRow = createContext(false);

function shownChildren(children: React.ReactNode, oneRow: boolean): React.ReactNode {
  return React.Children.map(children, (child) => {
    if (typeof child === "string") return oneRow ? shownLine(child) : shownText(child);
    if (
      React.isValidElement<{ children?: React.ReactNode }>(child) &&
      child.type === React.Fragment
    )
      return React.cloneElement(child, undefined, shownChildren(child.props.children, oneRow));
    return child;
  });
}

/**
 * Ink's Text, showing the control characters of the strings in it instead of sending them to the
 * terminal: an OSC in a release's description would otherwise retitle the window, and a CSI in a
 * manifest clear the screen. Our own colours are props, so they are untouched.
 */
export function Text(props: TextProps) {
  const inherited = useContext(OneRow);
  const oneRow = inherited || (props.wrap?.startsWith("truncate") ?? false);
  const text = <InkText {...props}>{shownChildren(props.children, oneRow)}</InkText>;
  return oneRow && !inherited ? <OneRow.Provider value>{text}</OneRow.Provider> : text;
}

/** @inkjs/ui's Spinner, its label shown as one line (it names charts and releases). */
export function Spinner(props: { label?: string }) {
  return <InkSpinner {...(props.label === undefined ? {} : { label: shownLine(props.label) })} />;
}
