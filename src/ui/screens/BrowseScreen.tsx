import { Box } from "ink";
import React from "react";
import type { Pane } from "../../state/appTypes.js";
import type { Layout } from "../hooks/useLayout.js";
import { PANE_REGISTRY, ROW_HEIGHT, type PaneProps, type PaneRow } from "../layouts/panes.js";

type BrowseProps = Omit<PaneProps, "box"> & {
  layout: Layout;
  height: number;
};

/** The panes, two rows of them, as the pane registry places them. */
export function BrowseScreen(props: BrowseProps) {
  const { layout, height } = props;
  return (
    <Box flexDirection="column" height={height}>
      <PaneRowBox {...props} row="top" boxHeight={Math.min(layout.topHeight, height - 3)} />
      <PaneRowBox {...props} row="bottom" boxHeight={layout.bottomHeight} />
    </Box>
  );
}

function PaneRowBox(props: BrowseProps & { row: PaneRow; boxHeight: number }) {
  const { layout, row, boxHeight, height: _height, ...shared } = props;
  const panes = (Object.keys(PANE_REGISTRY) as Pane[]).filter((p) => PANE_REGISTRY[p].row === row);
  let left = layout.columns;
  return (
    <Box height={boxHeight}>
      {panes.map((pane, i) => {
        const { width, Component } = PANE_REGISTRY[pane];
        const w = i < panes.length - 1 && width ? width(layout) : left;
        left -= w;
        return (
          <Component
            key={pane}
            {...shared}
            box={{
              focused: props.snap.context.focus === pane,
              height: ROW_HEIGHT[row](layout),
              width: w,
            }}
          />
        );
      })}
    </Box>
  );
}
