/**
 * Who does what in a batch on several threads. A report is built in two steps: `förbered`
 * (load, validate, compose, check, HTML, Excel, kontroll.json) and `pdf` (lay out and write the
 * PDF from the composed document). PDF is the larger part, about three fifths of the time.
 *
 * Threads keep to one step where they can, so each warms up (compiles, fills its caches) for one
 * step's code only: on this machine's two cores two threads that both ran every step spent the
 * second core's time warming up and collecting garbage twice, and the batch was no faster than on
 * one thread (bench/RESULTS.md). Half the threads lay out PDFs; the others prepare, and help with
 * PDFs once nothing is left to prepare.
 */

export type Role = 'pdf' | 'förbered';
export type Step = 'förbered' | 'pdf';

/** A thread's next move: a step to run, wait for work that is coming, or stop. */
export type Next = Step | 'vänta' | 'sluta';

export interface QueueState {
  /** Reports not yet prepared, and not being prepared. */
  prepQueued: number;
  /** Reports being prepared right now. */
  prepRunning: number;
  /** Prepared reports waiting for their PDF. */
  pdfQueued: number;
  /** Threads with the role `förbered` still alive. */
  preparersAlive: number;
}

/** Roles for `threads` threads: half lay out PDFs (none when there is one thread or no PDF to make). */
export function roles(threads: number, withPdf: boolean): Role[] {
  const pdf = withPdf && threads >= 2 ? Math.floor(threads / 2) : 0;
  return Array.from({ length: threads }, (_, i) => (i < pdf ? 'pdf' : 'förbered'));
}

export function nextStep(role: Role, s: QueueState): Next {
  if (role === 'pdf') {
    if (s.pdfQueued > 0) return 'pdf';
    // With no preparer left, a PDF thread prepares too, or the batch would never finish.
    if (s.prepQueued > 0 && s.preparersAlive === 0) return 'förbered';
    return s.prepQueued > 0 || s.prepRunning > 0 ? 'vänta' : 'sluta';
  }
  if (s.prepQueued > 0) return 'förbered';
  if (s.pdfQueued > 0) return 'pdf';
  return s.prepRunning > 0 ? 'vänta' : 'sluta';
}
