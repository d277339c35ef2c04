import type { ReportBuildOptions } from './build-report.js';
import type { Role, Step } from './schedule.js';

export interface WorkerInput {
  root: string;
  options: ReportBuildOptions;
  role: Role;
}

/** Files as they cross between threads: each in its own ArrayBuffer, transferred, not copied. */
export interface WireOutput {
  namn: string;
  bytes: ArrayBuffer;
}

export type ToWorker =
  | { typ: 'förbered'; id: string }
  /** `dokument`: the composed document, v8-serialized by the thread that prepared it. */
  | { typ: 'pdf'; id: string; dokument: ArrayBuffer }
  | { typ: 'sluta' };

export type FromWorker =
  | { typ: 'redo' }
  | { typ: 'rad'; text: string; fel: boolean }
  | {
      typ: 'klar';
      steg: Step;
      id: string;
      failed: boolean;
      outputs?: WireOutput[];
      dokument?: ArrayBuffer;
      fel?: string;
      ms: number;
    };
