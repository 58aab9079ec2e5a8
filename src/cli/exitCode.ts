/**
 * Thrown by a command that has printed its output and wants an exit code other
 * than 0 without an error message (diff --detailed-exitcode).
 */
export class ExitCode {
  constructor(readonly code: number) {}
}
