import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './project.js';

const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

/** Starts `watch` on the example report under `root` (as `uid` when given, if run as root) and collects its output. */
export function startWatch(root: string, uid?: number) {
  const ids = uid !== undefined && process.getuid?.() === 0 ? { uid, gid: uid } : {};
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--rot', root, 'watch', 'exempel-2025'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: ROOT,
    ...ids,
  });
  const log = { out: '' };
  child.stdout.on('data', (b: Buffer) => (log.out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (log.out += b.toString()));
  /** Waits for `re` in the output after offset `from`; returns the offset after the match. */
  const waitFor = async (re: RegExp, from = 0, ms = 60_000): Promise<number> => {
    const t = Date.now();
    for (;;) {
      const m = re.exec(log.out.slice(from));
      if (m) return from + m.index + m[0].length;
      if (Date.now() - t > ms) throw new Error(`väntade på ${re}; fick:\n${log.out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { child, log, waitFor };
}
