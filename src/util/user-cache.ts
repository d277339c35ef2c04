import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The user's cache folder for kommunrapport: `KOMMUNRAPPORT_CACHE` if set (`0` turns caching
 * off: undefined), else `$XDG_CACHE_HOME/kommunrapport`, else `~/.cache/kommunrapport`.
 * Nothing in it changes an output; it only saves measuring or computing again.
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env.KOMMUNRAPPORT_CACHE;
  if (own === '0') return undefined;
  if (own) return own;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kommunrapport');
}
