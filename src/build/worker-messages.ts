import type { ReportBuildOptions } from './build-report.js';

export interface WorkerInput {
  root: string;
  options: ReportBuildOptions;
}

export type ToWorker = { typ: 'bygg'; id: string } | { typ: 'sluta' };

export type FromWorker =
  | { typ: 'redo' }
  | { typ: 'rad'; text: string; fel: boolean }
  | { typ: 'klar'; id: string; failed: boolean; outputs?: { namn: string; bytes: ArrayBuffer }[]; fel?: string; ms: number };
