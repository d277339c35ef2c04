/**
 * How many threads `build` uses when `--jobb` is not given: a pure decision from what was
 * measured on this machine. A thread of kommunrapport first spends about a second and a half of
 * CPU loading and warming up its code, and already keeps about 1,4 cores busy (garbage collection
 * and compilation run beside it), so a second thread pays only on cores that really run two
 * such loops at once, with few other programs competing, and with reports enough to share.
 */
import { formatNumber } from '../core/format/number.js';

/** A thread pays off only with this many reports of its own. */
export const REPORTS_PER_THREAD = 4;
/**
 * Two threads pay only if a loop that allocates like a layout runs at least this much faster on
 * two workers than on one. On this project's 2-vCPU machine the loop scaled 1,34–1,39× and two
 * threads built the batch 0,9–1,1× as fast as one for 19–32 % more CPU; real cores give 1,8–2×.
 */
export const MIN_SPEEDUP = 1.6;

export interface ThroughputProbe {
  /** Wall time of the probe loop on one worker thread, ms. */
  oneMs: number;
  /** Wall time of the same loop on each of two worker threads at once, ms. */
  twoMs: number;
  /** Measured now, or read from the cache (when, as an ISO date). */
  mätt?: string;
}

export interface JobsInput {
  reports: number;
  /** os.availableParallelism(). */
  cores: number;
  /** The one-minute load average: runnable processes, other programs included. */
  load: number;
  probe?: ThroughputProbe;
  /** `--jobb N`. */
  requested?: number;
}

export interface JobsChoice {
  threads: number;
  /** Why, in Swedish, for the line `build` prints. */
  reason: string;
}

/** How many times as much work two workers do as one in the same time. */
export const speedup = (p: ThroughputProbe): number => (2 * p.oneMs) / p.twoMs;

/** Cores left to this build: the ones the load average does not already fill. */
export const freeCores = (cores: number, load: number): number => Math.max(0, Math.floor(cores - load + 0.5));

/** Each core's idle time so far, ms (os.cpus()'s `times.idle`). */
export type IdleTimes = readonly number[];

/**
 * Cores idle over a short wait, from the idle times read before and after it: all of them on a
 * quiet machine, none where other programs keep every core busy. Unlike the load average it does
 * not remember the last minute, in which the user's previous build kept the cores busy.
 */
export function idleCores(before: IdleTimes, after: IdleTimes, waitMs: number): number {
  if (!before.length || before.length !== after.length || waitMs <= 0) return 0;
  return after.reduce((sum, t, i) => sum + Math.max(0, t - before[i]!), 0) / waitMs;
}

/**
 * Cores no other program used between two samples (cores.ts): the idle ones, plus what this
 * process used itself, which a thread of its own would share. So the cores can be watched while
 * this process loads its code, instead of in a wait of its own.
 */
export function coresLeftToUs(
  a: { idle: IdleTimes; own: number; at: number },
  b: { idle: IdleTimes; own: number; at: number },
): number {
  const ms = b.at - a.at;
  if (ms <= 0 || !a.idle.length) return 0;
  return idleCores(a.idle, b.idle, ms) + Math.max(0, b.own - a.own) / ms;
}

/** Whether a measurement is worth making now: on a busy machine two workers measure the others too. */
export const quietEnoughToMeasure = (cores: number, load: number): boolean => freeCores(cores, load) >= 2;

const tal = (x: number, d = 1): string => formatNumber(x, d);

/** Whether the choice depends on a throughput measurement (else it is made without one). */
export const needsProbe = (i: Omit<JobsInput, 'probe' | 'load'>): boolean =>
  i.requested === undefined && i.reports >= 2 * REPORTS_PER_THREAD && i.cores >= 2;

export function chooseJobs(i: JobsInput): JobsChoice {
  if (i.requested !== undefined) return { threads: i.requested, reason: `--jobb ${i.requested}` };
  const few = 2 * REPORTS_PER_THREAD;
  if (i.reports < few)
    return {
      threads: 1,
      reason: `färre än ${few} rapporter: varje tråd börjar med att värma upp koden och lönar sig först med ${REPORTS_PER_THREAD} rapporter`,
    };
  if (i.cores < 2) return { threads: 1, reason: 'datorn har en kärna' };
  const busy = `datorn är upptagen: belastningen är ${tal(i.load)} på ${i.cores} kärnor`;
  if (!i.probe)
    return {
      threads: 1,
      reason: `${busy}, så två trådar mäts inte nu (de hade mätt de andra programmen också)`,
    };
  const s = speedup(i.probe);
  const measured = `provslingan gick ${tal(s, 2)} gånger så fort på två trådar som på en${i.probe.mätt ? `, mätt ${i.probe.mätt}` : ''}`;
  if (s < MIN_SPEEDUP)
    return {
      threads: 1,
      reason: `två trådar gav ingen vinst på den här datorn: ${measured}, och de lönar sig först vid ${tal(MIN_SPEEDUP)}`,
    };
  const free = freeCores(i.cores, i.load);
  if (free < 2) return { threads: 1, reason: `${busy} (${measured})` };
  const threads = Math.max(1, Math.min(free, Math.floor(i.reports / REPORTS_PER_THREAD)));
  return {
    threads,
    reason: `${measured}; ${free} av ${i.cores} kärnor lediga, en tråd per ${REPORTS_PER_THREAD} rapporter`,
  };
}
