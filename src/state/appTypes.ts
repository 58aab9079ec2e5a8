import type { SafetyRules } from "./contextSafety.js";
import type { MaskedManifest } from "../engine/diff/maskManifest.js";
import { errorMessage, isWheelhouseError } from "../errors.js";
import type {
  Backend,
  ClusterInfo,
  DiffPair,
  NamespaceList,
  ReleaseRef,
  ReleaseRow,
  ResourceRow,
  RevisionDetail,
  RevisionRow,
  Scope,
  UpgradeRequest,
  ValuesDiffPair,
} from "./backend.js";

export interface AppOptions {
  readonly: boolean;
  /** Contexts to keep read-only or protected, from the user's config (README.md "Configuration"). */
  safety?: SafetyRules;
  /** The kube context the app starts on, until the cluster says (safety applies from the start). */
  context?: string;
  /** The kubeconfig's own current-context: copied commands name another with --kube-context. */
  defaultContext?: string;
  namespace?: string;
  allNamespaces?: boolean;
}

/**
 * Opens YAML in the user's editor ($VISUAL/$EDITOR) and resolves with the saved
 * text, or undefined when the user left it empty (which cancels the edit).
 */
export type ValuesEditor = (
  initial: string,
  about: { release: ReleaseRef },
) => Promise<string | undefined>;

export interface AppInput {
  backend: Backend;
  options: AppOptions;
  /** Without one, the upgrade flow offers only reuse and reset. */
  editor?: ValuesEditor;
}

export type Pane = "namespaces" | "releases" | "history" | "detail";
export const PANES: readonly Pane[] = ["namespaces", "releases", "history", "detail"];

export type ViewKind = "status" | "manifest" | "values" | "notes" | "diff" | "valuesDiff";

/** An error as the UI shows it: the message, and what the user can do. */
export interface AppError {
  message: string;
  kind?: string;
  details?: string;
  hint?: string;
}

export function toAppError(err: unknown): AppError {
  if (isWheelhouseError(err)) {
    return {
      message: err.message,
      kind: err.kind,
      ...(err.details !== undefined ? { details: err.details } : {}),
      ...(err.hint !== undefined ? { hint: err.hint } : {}),
    };
  }
  return { message: errorMessage(err) };
}

/** What the detail pane shows once loaded. */
export type DetailContent =
  | { view: "status"; release: ReleaseRef; resources: ResourceRow[] }
  | {
      view: "manifest";
      release: ReleaseRef;
      revision: number;
      manifest: string;
      /** The manifest with Secret values masked, shown until x reveals them. */
      masked: MaskedManifest;
    }
  | {
      view: "values";
      release: ReleaseRef;
      revision: number;
      userValues: RevisionDetail["userValues"];
      computedValues: RevisionDetail["computedValues"];
    }
  | { view: "notes"; release: ReleaseRef; revision: number; notes: string }
  | { view: "diff"; release: ReleaseRef; from: number; to: number; diff: DiffPair }
  | { view: "valuesDiff"; release: ReleaseRef; from: number; to: number; values: ValuesDiffPair };

/** What the detail pane was asked to load. */
export interface DetailRequest {
  view: ViewKind;
  release: ReleaseRef;
  revision: number;
  /** For diffs: the revision compared against `revision`. */
  from?: number;
}

export interface Cursors {
  namespaces: number;
  releases: number;
  history: number;
}

export interface Filters {
  namespaces: string;
  releases: string;
  /** Of the selected release's history. */
  history: string;
}

/** The panes a / filter narrows. */
export type FilteredPane = keyof Filters;

export interface AppContext {
  backend: Backend;
  editor?: ValuesEditor;
  options: AppOptions;
  cluster?: ClusterInfo;
  namespaces?: NamespaceList;
  scope: Scope;
  releases: ReleaseRow[];
  /** A change was seen while a refresh was in flight: refresh again when it lands. */
  listStale?: boolean;
  /** False until the first list of releases arrived. */
  releasesLoaded: boolean;
  focus: Pane;
  cursors: Cursors;
  filters: Filters;
  selected?: ReleaseRef;
  revisions: RevisionRow[];
  /** The revision marked with Space, for a diff between two revisions. */
  marked?: number;
  /** After an operation: the revision to put the history cursor on once history reloads. */
  selectRevision?: number;
  detailRequest?: DetailRequest;
  detail?: DetailContent;
  bootError?: AppError;
  listError?: AppError;
  historyError?: AppError;
  detailError?: AppError;
  /** A one-line message, e.g. why a key was refused. */
  notice?: string;
  /** The flow in front is applying something: quitting asks first. */
  busy: boolean;
}

/** The keys a flow takes: the app forwards them to the flow in front. */
export type FlowEvent =
  | { type: "NEXT" }
  | { type: "CONFIRM" }
  | { type: "DENY" }
  | { type: "CANCEL" }
  | { type: "DISMISS" }
  | { type: "RETRY" }
  | { type: "UPGRADE.CHART"; chart: string }
  | { type: "UPGRADE.VALUES"; values: UpgradeRequest["values"] }
  | { type: "UPGRADE.EDIT" }
  | { type: "UNINSTALL.TYPE"; text: string }
  | { type: "CONFIRM.TYPE"; text: string }
  | { type: "UNINSTALL.TOGGLE_KEEP_HISTORY" };

/** What the UI sends the app: its own keys, and the flows' keys it forwards. */
export type AppEvent =
  | FlowEvent
  | { type: "REFRESH" }
  /** Release records changed: of these releases, or of any when not said. */
  | { type: "RELEASES.CHANGED"; releases?: ReleaseRef[] }
  /** The payloads of rows on screen arrived (their chart and app version). */
  | { type: "RELEASES.DETAILS" }
  /** The UI shows these release rows now (what it scrolled to): their payloads are wanted. */
  | { type: "RELEASES.SHOWN"; releases: ReleaseRef[] }
  | { type: "FOCUS.NEXT" }
  | { type: "FOCUS.PREV" }
  | { type: "FOCUS.SET"; pane: Pane }
  | { type: "MOVE"; delta: number }
  | { type: "MOVE.TO"; position: "first" | "last" }
  | { type: "OPEN" }
  | { type: "BACK" }
  | { type: "FILTER.SET"; text: string }
  | { type: "SCOPE.SET"; namespace?: string }
  | { type: "CONTEXT.SWITCH"; name: string }
  | { type: "MARK" }
  | { type: "VIEW.OPEN"; view: ViewKind }
  | { type: "ROLLBACK.START" }
  | { type: "UPGRADE.START" }
  | { type: "UNINSTALL.START" }
  | { type: "RECOVER.START" }
  | { type: "QUIT" }
  | { type: "QUIT.CONFIRM" }
  | { type: "QUIT.CANCEL" };
