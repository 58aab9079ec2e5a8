import type { Command } from "commander";
import type { CliIO } from "../io.js";
import { lintCommand } from "./lint.js";
import { packageCommand } from "./package.js";
import { templateCommand } from "./template.js";

/** A command module exports a function that builds its commander definition. */
export type RegisterCommand = (io: CliIO) => Command;

/** Every top-level command, in the order `--help` lists them. */
export const commands: RegisterCommand[] = [templateCommand, lintCommand, packageCommand];
