import type { Command } from "commander";
import type { CliIO } from "../io.js";
import { demoCommand } from "./demo.js";
import { dependencyCommand } from "./dependency.js";
import { diffCommand } from "./diff.js";
import { getCommand } from "./get.js";
import { historyCommand } from "./history.js";
import { installCommand } from "./install.js";
import { lintCommand } from "./lint.js";
import { listCommand } from "./list.js";
import { packageCommand } from "./package.js";
import { pullCommand } from "./pull.js";
import { pushCommand } from "./push.js";
import { recoverCommand } from "./recover.js";
import { registryCommand } from "./registry.js";
import { repoCommand } from "./repo.js";
import { rollbackCommand } from "./rollback.js";
import { sandboxCommand } from "./sandbox.js";
import { searchCommand } from "./search.js";
import { showCommand } from "./show.js";
import { statusCommand } from "./status.js";
import { templateCommand } from "./template.js";
import { testCommand } from "./test.js";
import { uninstallCommand } from "./uninstall.js";
import { upgradeCommand } from "./upgrade.js";
import { versionCommand } from "./version.js";

/** A command module exports a function that builds its commander definition. */
export type RegisterCommand = (io: CliIO) => Command;

/** Every top-level command, in the order `--help` lists them. */
export const commands: RegisterCommand[] = [
  listCommand,
  historyCommand,
  statusCommand,
  getCommand,
  diffCommand,
  installCommand,
  upgradeCommand,
  rollbackCommand,
  uninstallCommand,
  recoverCommand,
  testCommand,
  templateCommand,
  lintCommand,
  packageCommand,
  dependencyCommand,
  repoCommand,
  searchCommand,
  pullCommand,
  pushCommand,
  registryCommand,
  showCommand,
  versionCommand,
  (io) => sandboxCommand(io),
  (io) => demoCommand(io),
];
