import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The user's cache folder for kommunrapport: `KOMMUNRAPPORT_CACHE` (a folder, or `0` for no
 * cache), else `$XDG_CACHE_HOME/kommunrapport`, else `~/.cache/kommunrapport`. What is kept there
 * only saves time: no output byte depends on it, and a missing or unwritable folder is no error.
 */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env.KOMMUNRAPPORT_CACHE;
  if (own === '0') return undefined;
  if (own) return resolve(own);
  // The XDG spec: a relative path is invalid and is ignored.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'kommunrapport');
  const home = homedir();
  return home ? join(home, '.cache', 'kommunrapport') : undefined;
}
