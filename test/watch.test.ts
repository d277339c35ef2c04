import { spawn } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, scratchFixture } from './support/project.js';

const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

describe('watch survives what happens to folders', () => {
  it('goes on after the data and content folders are moved away and back, says what it waits for, and rebuilds the next edit', async () => {
    const p = scratchFixture();
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--rot', p.root, 'watch', 'exempel-2025'], { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const waitFor = async (re: RegExp, from = 0, ms = 60_000): Promise<number> => {
      const t = Date.now();
      for (;;) {
        const m = re.exec(out.slice(from));
        if (m) return from + m.index + m[0].length;
        if (Date.now() - t > ms) throw new Error(`väntade på ${re}; fick:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const html = join(p.root, 'out', 'exempel-2025', 'exempel-2025.html');
    const md = join(p.content, 'exempel-2025', '01-inledning.md');
    try {
      let at = await waitFor(/Bevakar exempel-2025: data\/exempel-2025, content\/exempel-2025, templates.*väntar på nästa ändring/);
      at = await waitFor(/\[start\] pdf och xlsx klara/);
      for (const dir of [join(p.data, 'exempel-2025'), join(p.content, 'exempel-2025')]) {
        renameSync(dir, `${dir}-borta`);
        at = await waitFor(/försvann; väntar på att (data|content)\/exempel-2025 kommer tillbaka/, at);
        renameSync(`${dir}-borta`, dir);
        at = await waitFor(/html klar på \d+ ms/, at);
      }
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(md, `${readFileSync(md, 'utf8')}\nEfter flytten 4712.\n`);
      await waitFor(/\[content\/exempel-2025\/01-inledning\.md\] html klar på \d+ ms/, at);
      expect(readFileSync(html, 'utf8')).toContain('Efter flytten 4712.');
      expect(out).not.toMatch(/internt fel|Error|EACCES|ENOENT/);
    } finally {
      child.kill('SIGINT');
    }
  });
});
