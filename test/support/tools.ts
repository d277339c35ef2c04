import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Tests use real tools; a missing one fails loudly with how to install it, never skips. */
export function requireTool(bin: string, debianPackage: string): string {
  const candidates = [bin, `/usr/bin/${bin}`];
  for (const c of candidates) {
    try {
      if (c.startsWith('/') ? existsSync(c) : execFileSync('which', [c], { encoding: 'utf8' }).trim())
        return c.startsWith('/') ? c : execFileSync('which', [c], { encoding: 'utf8' }).trim();
    } catch {
      /* try the next */
    }
  }
  throw new Error(
    `verktyget ${bin} saknas: installera Debian-paketet ${debianPackage} (apt-get install ${debianPackage}); .ci/run gör det`,
  );
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
