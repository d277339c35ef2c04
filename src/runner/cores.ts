import { cpus } from 'node:os';

/** What the cores had done at one moment: each core's idle time, this process's CPU time (ms), and when. */
export interface CoreSample {
  idle: number[];
  own: number;
  at: number;
}

export function sampleCores(): CoreSample {
  const u = process.cpuUsage();
  return { idle: cpus().map((c) => c.times.idle), own: (u.user + u.system) / 1000, at: performance.now() };
}
