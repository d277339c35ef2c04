import { describe, expect, it } from 'vitest';
import { nextStep, roles, type QueueState, type Role, type Step } from '../src/runner/schedule.js';

/**
 * Runs the rule over a batch in time steps: a preparation takes one, a PDF two (PDF is the larger
 * part). Every idle thread asks for its next step at each time step. Returns who ran what, in order.
 */
function simulate(
  threadRoles: Role[],
  reports: number,
  dies: { thread: number; at: number } | null = null,
): { log: string[]; built: number } {
  let prepQueued = reports;
  let pdfQueued = 0;
  let built = 0;
  const alive = threadRoles.map(() => true);
  const running: ({ step: Step; left: number } | undefined)[] = threadRoles.map(() => undefined);
  const log: string[] = [];
  const state = (): QueueState => ({
    prepQueued,
    prepRunning: running.filter((r, i) => alive[i] && r?.step === 'förbered').length,
    pdfQueued,
    preparersAlive: threadRoles.filter((r, i) => alive[i] && r === 'förbered').length,
  });
  for (let t = 0; t < 100; t++) {
    if (dies && t === dies.at) alive[dies.thread] = false;
    threadRoles.forEach((role, i) => {
      if (!alive[i] || running[i]) return;
      const next = nextStep(role, state());
      if (next === 'sluta') alive[i] = false; // as in the pool: a thread told to stop is gone
      if (next === 'förbered') prepQueued--;
      if (next === 'pdf') pdfQueued--;
      if (next === 'förbered' || next === 'pdf') {
        running[i] = { step: next, left: next === 'pdf' ? 2 : 1 };
        log.push(`${i}:${next}`);
      }
    });
    running.forEach((r, i) => {
      if (!r || !alive[i] || --r.left > 0) return;
      if (r.step === 'förbered') pdfQueued++;
      else built++;
      running[i] = undefined;
    });
    if (running.every((r, i) => !r || !alive[i]) && prepQueued === 0 && pdfQueued === 0) break;
  }
  return { log, built };
}

describe('build schedule (src/runner/schedule.ts)', () => {
  it('gives half the threads to PDF, none when there is one thread or no PDF', () => {
    expect(roles(2, true)).toEqual(['pdf', 'förbered']);
    expect(roles(5, true)).toEqual(['pdf', 'pdf', 'förbered', 'förbered', 'förbered']);
    expect(roles(1, true)).toEqual(['förbered']);
    expect(roles(4, false)).toEqual(['förbered', 'förbered', 'förbered', 'förbered']);
  });
  it('on two threads: the PDF thread only lays out PDFs, the other prepares and then helps', () => {
    const { log, built } = simulate(roles(2, true), 6);
    expect(built).toBe(6);
    expect(log.filter((l) => l.startsWith('0:'))).not.toContain('0:förbered');
    expect(log.filter((l) => l === '1:förbered')).toHaveLength(6);
    // Once everything is prepared, the preparer takes PDFs too.
    const lastPrep = log.lastIndexOf('1:förbered');
    expect(log.slice(lastPrep)).toContain('1:pdf');
  });
  it('a PDF thread waits while reports are being prepared, and stops when nothing can come', () => {
    expect(nextStep('pdf', { prepQueued: 0, prepRunning: 1, pdfQueued: 0, preparersAlive: 1 })).toBe('vänta');
    expect(nextStep('pdf', { prepQueued: 0, prepRunning: 0, pdfQueued: 0, preparersAlive: 1 })).toBe('sluta');
    expect(nextStep('förbered', { prepQueued: 0, prepRunning: 1, pdfQueued: 0, preparersAlive: 1 })).toBe('vänta');
  });
  it('when the only preparer dies, the PDF thread prepares the rest, so the batch still finishes', () => {
    const { log, built } = simulate(roles(2, true), 6, { thread: 1, at: 3 });
    expect(log).toContain('0:förbered');
    expect(built).toBe(6);
  });
});
