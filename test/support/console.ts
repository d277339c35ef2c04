import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';

export interface Konsol {
  log: MockInstance;
  err: MockInstance;
}

/** Silences console.log and console.error in every test of the calling file and keeps what was printed. */
export function fångaKonsol(): Konsol {
  const k = {} as Konsol;
  beforeEach(() => {
    k.log = vi.spyOn(console, 'log').mockImplementation(() => {});
    k.err = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    k.log.mockRestore();
    k.err.mockRestore();
  });
  return k;
}

/** What a spied console method printed, one call a line. */
export const utskrift = (m: MockInstance): string => m.mock.calls.map((c) => c.join(' ')).join('\n');
