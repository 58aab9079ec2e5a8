import type { Command } from "commander";
import type { CliIO } from "../io.js";

/** A command module exports a function that builds its commander definition. */
export type RegisterCommand = (io: CliIO) => Command;

/** Every top-level command, in the order `--help` lists them. */
export const commands: RegisterCommand[] = [];
