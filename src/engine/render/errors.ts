import { ChartError } from "../chart/errors.js";

/** A template or helper failure, naming chart, file and line as the chart author wrote them. */
export class TemplateError extends ChartError {
  constructor(message: string, where: { chart: string; file: string; line?: number }) {
    super(message, where);
  }
}

/** A Handlebars parse error carries its line only inside the message. */
export function parseErrorLine(message: string): number | undefined {
  const match = /Parse error on line (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}
