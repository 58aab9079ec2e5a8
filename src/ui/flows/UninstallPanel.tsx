import { Box } from "ink";
import React from "react";
import type { UninstallContext } from "../../state/machine/flows/uninstall.js";
import { CommandLines } from "../components/CommandLines.js";
import { Progress } from "../components/Progress.js";
import { TypedName } from "../components/TypedConfirm.js";
import { equivalentCommands } from "../../state/commandLine.js";
import { useTheme } from "../theme.js";
import { FlowFrame } from "./FlowFrame.js";
import { releaseLabel, type PanelProps } from "./panelProps.js";
import { Text } from "../text.js";

export function UninstallPanel(props: PanelProps & { flow: UninstallContext }) {
  const theme = useTheme();
  const f = props.flow;
  return (
    <FlowFrame
      title={`Uninstall ${releaseLabel(f.release)}`}
      screen={props.screen}
      height={props.height}
      failure={{ title: "Uninstall failed", error: f.error }}
      steps={{
        "uninstall.confirm": () => (
          <Box flexDirection="column">
            <Text bold color={theme.color("bad")}>
              This deletes every resource of {releaseLabel(f.release)}.
            </Text>
            <Text>Type the release name to confirm, then Enter:</Text>
            <TypedName name={f.release.name} typed={f.typed} />
            <Text>
              [{f.keepHistory ? "x" : " "}] keep history (--keep-history){" "}
              <Text color={theme.color("dim")}>Tab</Text>
            </Text>
            <CommandLines
              commands={equivalentCommands(
                { kind: "uninstall", release: f.release, keepHistory: f.keepHistory },
                props.scope,
              )}
            />
          </Box>
        ),
        applying: () => (
          <Progress label="Uninstalling…" progress={f.progress} height={props.height - 3} />
        ),
      }}
    />
  );
}
