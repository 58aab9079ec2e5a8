/** Flags every command accepts; commands read them with `cmd.optsWithGlobals()`. */
export interface GlobalOptions {
  debug?: boolean;
  kubeconfig?: string;
  kubeContext?: string;
  namespace?: string;
  driver?: string;
}
