import { Box } from "ink";
import React from "react";
import { Spinner } from "../text.js";

/** Connecting to the cluster, or to another context after `:ctx NAME`. */
export function BootScreen(props: { height: number; switchingTo: string | undefined }) {
  return (
    <Box height={props.height}>
      <Spinner
        label={
          props.switchingTo
            ? `Switching to context ${props.switchingTo}…`
            : "Connecting to the cluster…"
        }
      />
    </Box>
  );
}
