import { Spinner } from "@inkjs/ui";
import { Box, Text } from "ink";
import React from "react";
import type {
  RecoverFlow,
  RollbackFlow,
  UninstallFlow,
  UpgradeFlow,
} from "../../state/appTypes.js";
import type { Screen } from "../keymap.js";
import { useTheme } from "../theme.js";
import type { ViewerMetrics, ViewerState } from "../viewer.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { DiffViewer } from "./DiffViewer.js";
import { ErrorBox } from "./ErrorBox.js";
import { Pane } from "./Pane.js";
import { Progress } from "./Progress.js";

interface Common {
  screen: Screen;
  viewer: ViewerState;
  confirmYes: boolean;
  height: number;
  width: number;
  wide: boolean;
  onMetrics: (m: ViewerMetrics) => void;
}

function ref(r: { namespace: string; name: string }): string {
  return `${r.namespace}/${r.name}`;
}

/** The diff of a plan, with the confirmation under it once asked. */
function Review(
  props: Common & {
    pair: NonNullable<RollbackFlow["plan"]>["diff"];
    question: string;
    lead: string;
  },
) {
  const theme = useTheme();
  const dialogHeight = props.screen === "confirm" ? 4 : 0;
  return (
    <Box flexDirection="column">
      <Text color={theme.color("accent")} wrap="truncate">
        {props.lead}
      </Text>
      <DiffViewer
        pair={props.pair}
        viewer={props.viewer}
        height={props.height - 4 - dialogHeight}
        width={props.width - 2}
        wide={props.wide}
        onMetrics={props.onMetrics}
      />
      {props.screen === "confirm" ? (
        <ConfirmDialog question={props.question} yes={props.confirmYes} />
      ) : null}
    </Box>
  );
}

export function RollbackPanel(props: Common & { flow: RollbackFlow }) {
  const theme = useTheme();
  const f = props.flow;
  const title = `Roll back ${ref(f.release)} to revision ${f.target}`;
  let body: React.ReactNode = null;
  switch (props.screen) {
    case "planning":
      body = <Spinner label={`Diffing the deployed revision against revision ${f.target}…`} />;
      break;
    case "review":
    case "confirm":
      body = (
        <Review
          {...props}
          pair={f.plan!.diff}
          lead={`Deployed → revision ${f.target}; this writes revision ${f.plan!.revision}. Enter to continue, Esc to cancel.`}
          question={`Roll back ${ref(f.release)} to revision ${f.target}?`}
        />
      );
      break;
    case "applying":
      body = <Progress label="Rolling back…" progress={f.progress} height={props.height - 3} />;
      break;
    case "result":
      body = (
        <Box flexDirection="column">
          <Text color={theme.color("ok")} bold>
            Rolled back: revision {f.result?.revision} is {f.result?.status}
          </Text>
          <Text wrap="wrap">{f.result?.notes}</Text>
        </Box>
      );
      break;
    case "failed":
      body = <ErrorBox error={f.error ?? { message: "failed" }} title="Rollback failed" retry />;
      break;
  }
  return (
    <Pane title={title} focused height={props.height}>
      {body}
    </Pane>
  );
}

export function UpgradePanel(props: Common & { flow: UpgradeFlow }) {
  const theme = useTheme();
  const f = props.flow;
  const title = `Upgrade ${ref(f.release)}`;
  let body: React.ReactNode = null;
  switch (props.screen) {
    case "upgrade.chart":
      body = (
        <Box flexDirection="column">
          <Text>Chart to upgrade to (a folder, a .tgz, a URL, or REPO/CHART[@range]):</Text>
          <Text>
            <Text color={theme.color("accent")}>› </Text>
            {f.chart}
            <Text inverse> </Text>
          </Text>
        </Box>
      );
      break;
    case "upgrade.values":
      body = (
        <Box flexDirection="column">
          <Text>Chart: {f.chart}</Text>
          <Text>Values for the new revision:</Text>
          <Text>
            {"  "}
            <Text bold>r</Text> reuse the current user-supplied values
          </Text>
          <Text>
            {"  "}
            <Text bold>d</Text> reset to the chart&apos;s defaults
          </Text>
          <Text>
            {"  "}
            <Text bold>e</Text> edit the current values in $VISUAL/$EDITOR
          </Text>
        </Box>
      );
      break;
    case "upgrade.editing":
      body = <Spinner label="Waiting for the editor to close…" />;
      break;
    case "planning":
      body = (
        <Spinner label={`Rendering ${f.chart} and diffing it against the deployed revision…`} />
      );
      break;
    case "review":
    case "confirm":
      body = (
        <Review
          {...props}
          pair={f.plan!.diff}
          lead={`Deployed → ${f.plan!.chart}; this writes revision ${f.plan!.revision}. Enter to continue, Esc to cancel.`}
          question={`Upgrade ${ref(f.release)} to ${f.plan!.chart}?`}
        />
      );
      break;
    case "applying":
      body = <Progress label="Upgrading…" progress={f.progress} height={props.height - 3} />;
      break;
    case "result":
      body = (
        <Box flexDirection="column">
          <Text color={theme.color("ok")} bold>
            Upgraded: revision {f.result?.revision} is {f.result?.status}
          </Text>
          {f.result?.notes ? (
            <>
              <Text color={theme.color("accent")}>NOTES:</Text>
              <Text wrap="wrap">{f.result.notes}</Text>
            </>
          ) : null}
        </Box>
      );
      break;
    case "failed":
      body = <ErrorBox error={f.error ?? { message: "failed" }} title="Upgrade failed" retry />;
      break;
  }
  return (
    <Pane title={title} focused height={props.height}>
      {body}
    </Pane>
  );
}

export function UninstallPanel(props: Common & { flow: UninstallFlow }) {
  const theme = useTheme();
  const f = props.flow;
  const matches = f.typed === f.release.name;
  let body: React.ReactNode = null;
  switch (props.screen) {
    case "uninstall.confirm":
      body = (
        <Box flexDirection="column">
          <Text bold color={theme.color("bad")}>
            This deletes every resource of {ref(f.release)}.
          </Text>
          <Text>Type the release name to confirm, then Enter:</Text>
          <Text>
            <Text color={theme.color(matches ? "ok" : "accent")}>› </Text>
            {f.typed}
            <Text inverse> </Text>
          </Text>
          <Text>
            [{f.keepHistory ? "x" : " "}] keep history (--keep-history){" "}
            <Text color={theme.color("dim")}>Tab</Text>
          </Text>
        </Box>
      );
      break;
    case "applying":
      body = <Progress label="Uninstalling…" progress={f.progress} height={props.height - 3} />;
      break;
    case "failed":
      body = <ErrorBox error={f.error ?? { message: "failed" }} title="Uninstall failed" retry />;
      break;
  }
  return (
    <Pane title={`Uninstall ${ref(f.release)}`} focused height={props.height}>
      {body}
    </Pane>
  );
}

export function RecoverPanel(props: Common & { flow: RecoverFlow }) {
  const theme = useTheme();
  const f = props.flow;
  let body: React.ReactNode = null;
  switch (props.screen) {
    case "confirm":
      body = (
        <Box flexDirection="column">
          <Text wrap="wrap">
            {ref(f.release)} is {f.status}. If no operation is still running on it (one crashed or
            was interrupted), marking that revision failed lets upgrades and rollbacks run again.
          </Text>
          <ConfirmDialog
            question={`Mark the ${f.status} revision of ${ref(f.release)} failed?`}
            yes={props.confirmYes}
          />
        </Box>
      );
      break;
    case "applying":
      body = <Spinner label="Recovering…" />;
      break;
    case "failed":
      body = <ErrorBox error={f.error ?? { message: "failed" }} title="Recover failed" retry />;
      break;
  }
  return (
    <Pane title={`Recover ${ref(f.release)}`} focused height={props.height}>
      {body}
      {props.screen === "failed" ? <Text color={theme.color("dim")}>Esc to close</Text> : null}
    </Pane>
  );
}
