import React, { useRef } from "react";
import type { NamespaceItem } from "../../state/selectors.js";
import { fit, fitStart } from "../format.js";
import { useTheme } from "../theme.js";
import { Pane, windowStart } from "./Pane.js";
import { Text } from "../text.js";

export function NamespacesPane(props: {
  items: NamespaceItem[];
  cursor: number;
  current?: string;
  focused: boolean;
  height: number;
  width: number;
  forbidden: boolean;
  filter: string;
}) {
  const theme = useTheme();
  const rowsHeight = Math.max(1, props.height - 3 - (props.forbidden ? 1 : 0));
  const start = useRef(0);
  start.current = windowStart(start.current, props.cursor, rowsHeight, props.items.length);
  const inner = props.width - 2;
  return (
    <Pane
      title={`Namespaces${props.filter ? ` /${props.filter}` : ""}`}
      focused={props.focused}
      height={props.height}
      width={props.width}
    >
      {props.forbidden ? (
        <Text color={theme.color("warn")} wrap="truncate">
          listing forbidden
        </Text>
      ) : null}
      {props.items.slice(start.current, start.current + rowsHeight).map((item, i) => {
        const index = start.current + i;
        const active = item.namespace === props.current;
        const selected = index === props.cursor;
        return (
          <Text key={item.name} inverse={selected && props.focused} bold={active} wrap="truncate">
            {fit(`${active ? "●" : " "}${item.name}`, inner - 5)}
            {fitStart(String(item.releases), 5)}
          </Text>
        );
      })}
    </Pane>
  );
}
