import { chmodSync, chownSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFixture } from './support/project.js';
import { startWatch } from './support/watch.js';

describe('watch survives what happens to folders', () => {
  it('goes on after the data and content folders are moved away and back, says what it waits for, and rebuilds the next edit', async () => {
    const p = scratchFixture();
    const { child, log, waitFor } = startWatch(p.root);
    const html = join(p.root, 'out', 'exempel-2025', 'exempel-2025.html');
    const md = join(p.content, 'exempel-2025', '01-inledning.md');
    try {
      let at = await waitFor(
        /Bevakar exempel-2025: data\/exempel-2025, content\/exempel-2025, templates.*väntar på nästa ändring/,
      );
      at = Math.max(at, await waitFor(/\[start\] pdf, xlsx och docx klara/));
      for (const dir of [join(p.data, 'exempel-2025'), join(p.content, 'exempel-2025')]) {
        renameSync(dir, `${dir}-borta`);
        at = await waitFor(/försvann; väntar på att (data|content)\/exempel-2025 kommer tillbaka/, at);
        renameSync(`${dir}-borta`, dir);
        at = await waitFor(/html klar på \d+ ms/, at);
      }
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(md, `${readFileSync(md, 'utf8')}\nEfter flytten 4712.\n`);
      // The rebuild names every file changed since the last one. The folder's return may still
      // cause rebuilds naming this file after the edit is written, so wait for the edit in the HTML.
      await waitFor(/\[[^\]\n]*content\/exempel-2025\/01-inledning\.md[^\]\n]*\] html klar på \d+ ms/, at);
      for (const t = Date.now(); !readFileSync(html, 'utf8').includes('Efter flytten 4712.');) {
        if (Date.now() - t > 30_000) throw new Error(`HTML:en fick aldrig ändringen; logg:\n${log.out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(log.out).not.toMatch(/internt fel|Error|EACCES|ENOENT/);
    } finally {
      child.kill('SIGINT');
    }
  });

  it('goes on after a file it may not read, saying so in Swedish, and rebuilds once it may again', async () => {
    const p = scratchFixture();
    // Root reads every file: run as the unprivileged user, owner of the project as a user would be.
    const nobody = 65534;
    chmodSync(p.root, 0o755);
    for (const d of ['', 'out', 'data', 'content', 'templates', 'data/exempel-2025', 'content/exempel-2025']) {
      try {
        chownSync(join(p.root, d), nobody, nobody);
      } catch {
        // out/ does not exist yet
      }
    }
    const md = join(p.content, 'exempel-2025', '02-ekonomi.md');
    const { child, log, waitFor } = startWatch(p.root, nobody);
    try {
      // The watcher is ready once it says so, after the first build.
      let at = Math.max(await waitFor(/\[start\] pdf, xlsx och docx klara/), await waitFor(/Bevakar exempel-2025/));
      chmodSync(md, 0o000);
      writeFileSync(
        join(p.content, 'exempel-2025', '01-inledning.md'),
        `${readFileSync(join(p.content, 'exempel-2025', '01-inledning.md'), 'utf8')}\nRättighetstest.\n`,
      );
      at = await waitFor(
        /content\/exempel-2025\/02-ekonomi\.md:1:1 fel läsfel: kunde inte läsa content\/exempel-2025\/02-ekonomi\.md: behörighet saknas/,
        at,
      );
      at = await waitFor(/fel i rapporten \(tidigare filer lämnas orörda\); väntar på nästa ändring/, at);
      chmodSync(md, 0o644);
      writeFileSync(
        join(p.content, 'exempel-2025', '01-inledning.md'),
        `${readFileSync(join(p.content, 'exempel-2025', '01-inledning.md'), 'utf8')}\nIgen.\n`,
      );
      await waitFor(/html klar på \d+ ms/, at);
      expect(readFileSync(join(p.root, 'out', 'exempel-2025', 'exempel-2025.html'), 'utf8')).toContain('Igen.');
      expect(log.out).not.toMatch(/internt fel|EACCES|permission/);
    } finally {
      child.kill('SIGINT');
    }
  });
});
