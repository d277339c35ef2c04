import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfPages } from './support/pdf.js';
import { ROOT, scratchFixture, scratchProject, writeFile } from './support/project.js';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
const cli = (root: string, ...args: string[]) =>
  spawnSync(TSX, [MAIN, '--rot', root, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('build', () => {
  it('a build that fails half-way leaves the earlier outputs intact and no temporary files', () => {
    const p = scratchFixture();
    const ok = cli(p.root, 'build', '--format', 'html,pdf');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/exempel-2025: html klar \(\d+ ms\)/);
    expect(ok.stdout).toMatch(/Klart: 3 filer för 1 rapport /);
    const dir = join(p.root, 'out', 'exempel-2025');
    const before = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
    // A second report that builds, then an edit that breaks the first one half-way through the run.
    writeFile(
      p,
      'content/exempel-2025/02-ekonomi.md',
      `${readFileSync(join(p.content, 'exempel-2025', '02-ekonomi.md'), 'utf8')}\nOkänd siffra: {=driftsammandrag/finns-inte/budget_2025}.\n`,
    );
    const bad = cli(p.root, 'build', '--format', 'html,pdf');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('content/exempel-2025/02-ekonomi.md:11:15 fel okänd-referens');
    expect(bad.stdout).toContain('inga filer skrivna');
    const after = readdirSync(dir);
    expect(after.sort()).toEqual(Object.keys(before).sort());
    for (const f of after) expect(readFileSync(join(dir, f)).equals(before[f]!), f).toBe(true);
  });
  it('--jobb builds reports on worker threads, byte-identical to one thread, and a broken report fails only itself', () => {
    const p = scratchProject(['vss-forvaltningsbudget-2023']);
    cpSync(join(ROOT, 'test', 'fixtures', 'exempel', 'data', 'exempel-2025'), join(p.data, 'exempel-2025'), {
      recursive: true,
    });
    cpSync(join(ROOT, 'test', 'fixtures', 'exempel', 'content', 'exempel-2025'), join(p.content, 'exempel-2025'), {
      recursive: true,
    });
    // Without its template the example fails, from a worker thread, saying why.
    const noTemplate = cli(p.root, 'build', '--jobb', '2', '--out', 'ut0');
    expect(noTemplate.status).toBe(1);
    expect(noTemplate.stderr).toContain(
      'data/exempel-2025/rapport.yaml:2:13 fel mall: mallen templates/exempel.hbs finns inte',
    );
    cpSync(join(ROOT, 'test', 'fixtures', 'exempel', 'templates', 'exempel.hbs'), join(p.templates, 'exempel.hbs'));
    const two = cli(p.root, 'build', '--jobb', '2', '--out', 'ut2');
    expect(two.status, two.stderr).toBe(0);
    expect(two.stderr).toContain('Bygger 2 rapporter med 2 trådar (--jobb 2).');
    expect(two.stdout).toMatch(
      /Klart: 10 filer för 2 rapporter på \d+,\d s \(2 trådar, processortid \d+,\d s, högst \d+ MB minne\)\./,
    );
    const one = cli(p.root, 'build', '--jobb', '1', '--out', 'ut1');
    expect(one.status, one.stderr).toBe(0);
    for (const id of ['vss-forvaltningsbudget-2023', 'exempel-2025']) {
      const files = readdirSync(join(p.root, 'ut1', id));
      expect(files.length).toBe(5);
      for (const f of files)
        expect(readFileSync(join(p.root, 'ut2', id, f)).equals(readFileSync(join(p.root, 'ut1', id, f))), f).toBe(true);
    }
    writeFile(
      p,
      'content/exempel-2025/02-ekonomi.md',
      `${readFileSync(join(p.content, 'exempel-2025', '02-ekonomi.md'), 'utf8')}\nOkänd siffra: {=driftsammandrag/finns-inte/budget_2025}.\n`,
    );
    const bad = cli(p.root, 'build', '--jobb', '2', '--out', 'ut3');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('content/exempel-2025/02-ekonomi.md:11:15 fel okänd-referens');
    expect(existsSync(join(p.root, 'ut3', 'vss-forvaltningsbudget-2023', 'vss-forvaltningsbudget-2023.pdf'))).toBe(
      true,
    );
    expect(existsSync(join(p.root, 'ut3', 'exempel-2025'))).toBe(false);
    const zero = cli(p.root, 'build', '--jobb', '0');
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain('--jobb ska vara ett heltal från 1');
  });
  it('--strict fails on check errors and unknown formats are usage errors', () => {
    const p = scratchFixture();
    writeFile(
      p,
      'content/exempel-2025/02-ekonomi.md',
      readFileSync(join(p.content, 'exempel-2025', '02-ekonomi.md'), 'utf8').replace(
        'Stab A får en ram på 11,0 mnkr',
        'Stab A får en ram på 11,5 mnkr',
      ),
    );
    const strict = cli(p.root, 'build', '--strict', '--format', 'html');
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('avbrutet (--strict)');
    expect(cli(p.root, 'build', '--format', 'odt').status).toBe(2);
    const check = cli(p.root, 'check', '--format', 'json');
    expect(check.status).toBe(1);
    const j = JSON.parse(check.stdout);
    expect(j.schema).toBe('kommunrapport/kontroll@1');
    expect(j.fynd).toContainEqual(
      expect.objectContaining({ regel: 'text-mot-tabell', fil: 'content/exempel-2025/02-ekonomi.md', rad: 9 }),
    );
  });
});

describe('help', () => {
  it('is Swedish for the tool and each command, with examples; unknown commands exit 2', () => {
    const h = cli(ROOT, '--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('Bygger kommunens rapporter');
    for (const c of ['build', 'check', 'validate', 'paket', 'watch']) {
      const r = cli(ROOT, c, '--help');
      expect(r.status, c).toBe(0);
      expect(r.stdout, c).toContain('Exempel:');
    }
    const bad = cli(ROOT, 'bygg');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("okänt kommando 'bygg'");
  });
});

describe('paket', () => {
  it('writes stamped PDFs with stable names and an index', () => {
    const p = scratchFixture();
    const r = cli(p.root, 'paket', 'exempel-2025');
    expect(r.status, r.stderr).toBe(0);
    const dir = join(p.root, 'out', 'paket', 'KS-2024-0815');
    expect(readdirSync(dir).sort()).toEqual([
      'KS-2024-0815_bilaga-03_exempel-2025.pdf',
      'KS-2024-0815_index.json',
      'KS-2024-0815_index.pdf',
    ]);
    const pages = pdfPages(join(dir, 'KS-2024-0815_bilaga-03_exempel-2025.pdf'));
    expect(pages[0]).not.toContain('Bilaga 3 till');
    expect(pages[1]).toContain('Bilaga 3 till KS 2024-12-03 § 412, Dnr KS 2024-0815');
    const index = JSON.parse(readFileSync(join(dir, 'KS-2024-0815_index.json'), 'utf8'));
    expect(index.bilagor).toEqual([
      expect.objectContaining({
        nummer: 3,
        fil: 'KS-2024-0815_bilaga-03_exempel-2025.pdf',
        titel: 'Exempelnämndens internbudget för 2025',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect(index.bilagor[0].sha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(dir, index.bilagor[0].fil)))
        .digest('hex'),
    );
    expect(pdfPages(join(dir, 'KS-2024-0815_index.pdf')).join('\n')).toContain('Bilagor till KS 2024-12-03 § 412');
  });
  it('--docx writes each bilaga as a Word document beside its PDF, stamped, in the index with its SHA-256', async () => {
    const p = scratchFixture();
    const r = cli(p.root, 'paket', 'exempel-2025', '--docx');
    expect(r.status, r.stderr).toBe(0);
    const dir = join(p.root, 'out', 'paket', 'KS-2024-0815');
    expect(readdirSync(dir).sort()).toEqual([
      'KS-2024-0815_bilaga-03_exempel-2025.docx',
      'KS-2024-0815_bilaga-03_exempel-2025.pdf',
      'KS-2024-0815_index.json',
      'KS-2024-0815_index.pdf',
    ]);
    const index = JSON.parse(readFileSync(join(dir, 'KS-2024-0815_index.json'), 'utf8'));
    const docx = readFileSync(join(dir, 'KS-2024-0815_bilaga-03_exempel-2025.docx'));
    expect(index.bilagor[0].docx).toEqual({
      fil: 'KS-2024-0815_bilaga-03_exempel-2025.docx',
      sha256: createHash('sha256').update(docx).digest('hex'),
    });
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(docx);
    const headers = await Promise.all(zip.file(/^word\/header\d*\.xml$/).map((f) => f.async('string')));
    expect(headers.some((h) => h.includes('Bilaga 3 till KS 2024-12-03 § 412, Dnr KS 2024-0815'))).toBe(true);
    // The index's narrow columns wrap file names and checksums.
    const indexText = pdfPages(join(dir, 'KS-2024-0815_index.pdf')).join('').replace(/\s+/g, '');
    expect(indexText).toContain('KS-2024-0815_bilaga-03_exempel-2025.docx');
    expect(indexText).toContain(index.bilagor[0].docx.sha256);
  });
  it('refuses a bilaga number used twice and a missing diarienummer', () => {
    const p = scratchFixture();
    cpSync(join(p.data, 'exempel-2025'), join(p.data, 'exempel-2025b'), { recursive: true });
    cpSync(join(p.content, 'exempel-2025'), join(p.content, 'exempel-2025b'), { recursive: true });
    const f = join(p.data, 'exempel-2025b', 'rapport.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('id: exempel-2025', 'id: exempel-2025b'));
    const dup = cli(p.root, 'paket', 'exempel-2025', 'exempel-2025b');
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain('bilaga 3 används två gånger: av exempel-2025 och exempel-2025b');
    writeFileSync(f, readFileSync(f, 'utf8').replace(', diarienummer: "KS 2024-0815"', ''));
    const nodnr = cli(p.root, 'paket', 'exempel-2025b');
    expect(nodnr.status).toBe(1);
    expect(nodnr.stderr).toContain('diarienummer saknas');
    expect(existsSync(join(p.root, 'out', 'paket'))).toBe(false);
  });
});

describe('watch', () => {
  it('rebuilds the HTML after a narrative edit, and keeps watching after a bad edit', async () => {
    const p = scratchFixture();
    const child = spawn(TSX, [MAIN, '--rot', p.root, 'watch', 'exempel-2025'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const waitFor = async (re: RegExp, ms = 60_000): Promise<void> => {
      const t = Date.now();
      while (!re.test(out)) {
        if (Date.now() - t > ms) throw new Error(`väntade på ${re}; fick:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(/Bevakar exempel-2025/);
      await waitFor(/\[start\] pdf, xlsx och docx klara/);
      const md = join(p.content, 'exempel-2025', '01-inledning.md');
      const html = join(p.root, 'out', 'exempel-2025', 'exempel-2025.html');
      const mtime = statSync(html).mtimeMs;
      writeFileSync(md, readFileSync(md, 'utf8').replace('# Inledning', '{=finns/inte}\n\n# Inledning'));
      await waitFor(/okänd-referens/);
      expect(readFileSync(html, 'utf8')).not.toContain('Bevakningstest');
      writeFileSync(md, `${readFileSync(md, 'utf8').replace('{=finns/inte}\n\n', '')}\nBevakningstest 4711.\n`);
      await waitFor(/\[content\/exempel-2025\/01-inledning\.md\] html klar på \d+ ms/);
      expect(readFileSync(html, 'utf8')).toContain('Bevakningstest 4711.');
      expect(statSync(html).mtimeMs).toBeGreaterThan(mtime);
    } finally {
      child.kill('SIGINT');
    }
  });
});
