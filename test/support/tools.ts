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

/**
 * Converts files with LibreOffice, headless, as a user's office suite would open them: `to` is
 * soffice's `--convert-to` argument ("pdf", "docx:MS Word 2007 XML"…), the results land in
 * `outDir` under the inputs' names. The profile is a folder of its own (`profile`), so parallel
 * test files never share one.
 */
export function convertWithLibreOffice(o: {
  files: string[];
  to: string;
  outDir: string;
  profile: string;
  debianPackage?: string;
  timeout?: number;
}): void {
  const soffice = requireTool('soffice', o.debianPackage ?? 'libreoffice-writer-nogui');
  execFileSync(
    soffice,
    ['--headless', `-env:UserInstallation=file://${o.profile}`, '--convert-to', o.to, '--outdir', o.outDir, ...o.files],
    { stdio: 'pipe', timeout: o.timeout ?? 300_000 },
  );
}
