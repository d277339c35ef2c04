import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseJobs, coresLeftToUs, idleCores, MIN_SPEEDUP, speedup, type JobsInput } from '../src/runner/jobs.js';
import { CACHE_FILE, cachedThroughput, machineKey, storeThroughput } from '../src/runner/throughput.js';
import { cacheFolder } from '../src/util/cache-dir.js';
import { ROOT, scratchFixture } from './support/project.js';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

/** This project's machine: two vCPUs where two loops run 1,35× as fast as one. */
const twoVcpu = { oneMs: 1000, twoMs: 1481 };
/** Four real cores: two loops 1,95× as fast. */
const realCores = { oneMs: 1000, twoMs: 1026 };

describe('idleCores: cores idle over a short wait (the PDF thread of one report)', () => {
  it('counts idle milliseconds of every core over the wait', () => {
    // A quiet two-core machine: both idle for the whole 30 ms.
    expect(idleCores([1000, 2000], [1030, 2030], 30)).toBe(2);
    // One core busy with another program.
    expect(idleCores([1000, 2000], [1030, 2000], 30)).toBe(1);
    // Counters that went backwards (a CPU taken offline) count as busy, not as negative.
    expect(idleCores([1000, 2000], [990, 2030], 30)).toBe(1);
  });
  it('says no core is idle when the counters cannot be compared', () => {
    expect(idleCores([], [], 30)).toBe(0);
    expect(idleCores([1000], [1030, 2030], 30)).toBe(0);
    expect(idleCores([1000], [1030], 0)).toBe(0);
  });
});

describe('coresLeftToUs: cores no other program used while this one loaded its code', () => {
  it('counts the idle cores and the share this process used itself', () => {
    // Quiet: this process kept one core busy for 100 ms, the other core stayed idle.
    expect(coresLeftToUs({ idle: [500, 800], own: 10, at: 0 }, { idle: [500, 900], own: 110, at: 100 })).toBe(2);
    // Busy: others kept both cores busy; this process got 40 ms of one.
    expect(coresLeftToUs({ idle: [500, 800], own: 10, at: 0 }, { idle: [500, 800], own: 50, at: 100 })).toBeCloseTo(
      0.4,
    );
    // No time between the samples, or no counters: nothing is known to be free.
    expect(coresLeftToUs({ idle: [1], own: 0, at: 5 }, { idle: [2], own: 1, at: 5 })).toBe(0);
    expect(coresLeftToUs({ idle: [], own: 0, at: 0 }, { idle: [], own: 50, at: 100 })).toBe(0);
  });
});

describe('chooseJobs: threads from what was measured', () => {
  const base: JobsInput = { reports: 30, cores: 2, load: 0.2 };
  it('obeys --jobb whatever was measured', () => {
    expect(chooseJobs({ ...base, requested: 3, probe: twoVcpu })).toEqual({ threads: 3, reason: '--jobb 3' });
    expect(chooseJobs({ ...base, reports: 1, requested: 2 })).toEqual({ threads: 2, reason: '--jobb 2' });
  });

  it('one thread for fewer than eight reports, without measuring', () => {
    const c = chooseJobs({ ...base, reports: 7, cores: 16, probe: realCores });
    expect(c.threads).toBe(1);
    expect(c.reason).toMatch(/^färre än 8 rapporter/);
  });

  it('one thread on one core', () => {
    expect(chooseJobs({ ...base, cores: 1, probe: realCores })).toEqual({ threads: 1, reason: 'datorn har en kärna' });
  });

  it('one thread where two do not pay, saying what was measured', () => {
    expect(speedup(twoVcpu)).toBeCloseTo(1.35, 2);
    const c = chooseJobs({ ...base, probe: { ...twoVcpu, mätt: '2026-12-06' } });
    expect(c).toEqual({
      threads: 1,
      reason:
        'två trådar gav ingen vinst på den här datorn: provslingan gick 1,35 gånger så fort på två trådar som på en, mätt 2026-12-06, och de lönar sig först vid 1,6',
    });
  });

  it('two threads on two real cores of an idle machine; one per four reports and free core on more', () => {
    expect(chooseJobs({ ...base, probe: realCores }).threads).toBe(2);
    expect(chooseJobs({ ...base, cores: 8, load: 1.2, probe: realCores })).toEqual({
      threads: 7,
      reason:
        'provslingan gick 1,95 gånger så fort på två trådar som på en; 7 av 8 kärnor lediga, en tråd per 4 rapporter',
    });
    expect(chooseJobs({ ...base, reports: 9, cores: 8, probe: realCores }).threads).toBe(2);
    // Just at the threshold pays; just under it does not.
    expect(chooseJobs({ ...base, probe: { oneMs: 800, twoMs: 1000 } }).threads).toBe(2);
    expect(MIN_SPEEDUP).toBe(1.6);
    expect(chooseJobs({ ...base, probe: { oneMs: 799, twoMs: 1000 } }).threads).toBe(1);
  });

  it('one thread when other programs fill the cores, even where two would pay', () => {
    const c = chooseJobs({ ...base, load: 5.8, probe: realCores });
    expect(c.threads).toBe(1);
    expect(c.reason).toMatch(/^datorn är upptagen: belastningen är 5,8 på 2 kärnor \(provslingan gick 1,95/);
    // Not measured (the machine was busy when it would have been): one thread, and why.
    expect(chooseJobs({ ...base, load: 3 }).reason).toMatch(/upptagen.*så två trådar mäts inte nu/);
    // Sixteen cores with six busy: ten free.
    expect(chooseJobs({ ...base, reports: 100, cores: 16, load: 6, probe: realCores }).threads).toBe(10);
  });
});

describe('the measurement is kept in the user cache folder', () => {
  it('KOMMUNRAPPORT_CACHE names the folder, 0 turns it off, else XDG_CACHE_HOME or ~/.cache', () => {
    expect(cacheFolder({ KOMMUNRAPPORT_CACHE: '/x/y' })).toBe('/x/y');
    expect(cacheFolder({ KOMMUNRAPPORT_CACHE: '0' })).toBeUndefined();
    expect(cacheFolder({ XDG_CACHE_HOME: '/c' })).toBe('/c/kommunrapport');
    expect(cacheFolder({})).toMatch(/\.cache\/kommunrapport$/);
  });

  it('stores a measurement under this machine and version, and reads it back; with 0 nothing is written', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kommunrapport-cache-')), 'under');
    const env = { KOMMUNRAPPORT_CACHE: dir };
    expect(cachedThroughput(env)).toBeUndefined();
    storeThroughput({ oneMs: 512.4, twoMs: 700.6 }, env);
    const file = JSON.parse(readFileSync(join(dir, CACHE_FILE), 'utf8')) as Record<string, { oneMs: number }>;
    expect(Object.keys(file)).toEqual([machineKey()]);
    expect(machineKey()).toMatch(/× \d+; kommunrapport \d+\.\d+\.\d+$/);
    expect(cachedThroughput(env)).toMatchObject({ oneMs: 512, twoMs: 701 });
    storeThroughput({ oneMs: 1, twoMs: 1 }, { KOMMUNRAPPORT_CACHE: '0' });
    expect(cachedThroughput({ KOMMUNRAPPORT_CACHE: '0' })).toBeUndefined();
  });
});

describe('build prints its choice of threads and why', () => {
  /** The example report eight times over, under other ids. */
  function eightReports(): string {
    const p = scratchFixture();
    for (let i = 1; i < 8; i++) {
      const id = `exempel-2025-${i}`;
      cpSync(join(p.data, 'exempel-2025'), join(p.data, id), { recursive: true });
      cpSync(join(p.content, 'exempel-2025'), join(p.content, id), { recursive: true });
      const manifest = join(p.data, id, 'rapport.yaml');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^id: exempel-2025$/m, `id: ${id}`));
    }
    return p.root;
  }

  it('on stderr, from the cached measurement; --jobb N is obeyed and named; --tyst leaves it out', () => {
    const root = eightReports();
    const cache = mkdtempSync(join(tmpdir(), 'kommunrapport-cache-'));
    const env = { ...process.env, KOMMUNRAPPORT_CACHE: cache };
    // A measurement where two threads do not pay: one thread whatever the load is now.
    storeThroughput(twoVcpu, env);
    const run = (...args: string[]) =>
      spawnSync(TSX, [MAIN, '--rot', root, 'build', '--format', 'html', ...args], {
        encoding: 'utf8',
        timeout: 120_000,
        env,
      });
    const auto = run();
    expect(auto.status, auto.stderr).toBe(0);
    expect(auto.stderr).toMatch(
      /^Bygger 8 rapporter med 1 tråd \(två trådar gav ingen vinst på den här datorn: provslingan gick 1,35 gånger så fort på två trådar som på en, mätt \d{4}-\d\d-\d\d, och de lönar sig först vid 1,6\)\.$/m,
    );
    expect(auto.stdout).toMatch(/Klart: 16 filer för 8 rapporter på \d+,\d s \(1 tråd,/);
    const two = run('--jobb', '2');
    expect(two.status, two.stderr).toBe(0);
    expect(two.stderr).toContain('Bygger 8 rapporter med 2 trådar (--jobb 2).');
    expect(two.stdout).toMatch(/\(2 trådar, processortid/);
    const quiet = run('--tyst');
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).not.toContain('Bygger');
    expect(existsSync(join(root, 'out', 'exempel-2025-7', 'exempel-2025-7.html'))).toBe(true);
  });
});
