import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFixture } from './support/project.js';
import { startWatch } from './support/watch.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('watch: an edit reaches the HTML', () => {
  it('writes the edited sentence into the HTML, before the PDF of that edit, and later the other files', async () => {
    const p = scratchFixture();
    const { child, log, waitFor } = startWatch(p.root);
    const html = join(p.root, 'out', 'exempel-2025', 'exempel-2025.html');
    const md = join(p.content, 'exempel-2025', '01-inledning.md');
    try {
      let at = Math.max(await waitFor(/Bevakar exempel-2025/), await waitFor(/\[start\] pdf, xlsx och docx klara/));
      for (const word of ['Tulpanlökarna', 'Krokusarna']) {
        await sleep(100);
        writeFileSync(md, `${readFileSync(md, 'utf8')}\n${word} kom upp tidigt i år.\n`);
        const htmlAt = await waitFor(/\[content\/exempel-2025\/01-inledning\.md\] html klar på \d+ ms/, at);
        expect(readFileSync(html, 'utf8')).toContain(`${word} kom upp tidigt i år.`);
        at = await waitFor(/\[content\/exempel-2025\/01-inledning\.md\] pdf, xlsx och docx klara/, htmlAt);
      }
      const pdftext = readFileSync(join(p.root, 'out', 'exempel-2025', 'exempel-2025.pdf'));
      expect(pdftext.length).toBeGreaterThan(1000);
      expect(log.out).not.toMatch(/\bfel\b|internt fel|Error/);
    } finally {
      child.kill('SIGINT');
    }
  });

  it('a save that arrives in two writes, the first of which does not parse, gives the complete HTML and no error on screen', async () => {
    const p = scratchFixture();
    const { child, log, waitFor } = startWatch(p.root);
    const html = join(p.root, 'out', 'exempel-2025', 'exempel-2025.html');
    const yaml = join(p.data, 'exempel-2025', 'tabeller.yaml');
    try {
      const at = Math.max(await waitFor(/Bevakar exempel-2025/), await waitFor(/\[start\] pdf, xlsx och docx klara/));
      await sleep(100);
      const complete = readFileSync(yaml, 'utf8').replace(
        'rubrik: Driftsammandrag',
        'rubrik: Driftsammandrag i sammandrag',
      );
      // The first write stops inside a flow sequence: the file as it stands is not YAML.
      const cut = complete.indexOf('[', complete.length / 2) + 1;
      writeFileSync(yaml, complete.slice(0, cut));
      // Long enough for the watch to see and build the half file (a write-stability wait of 30 ms
      // and a debounce of 50 ms did, and printed its errors), as a slow editor or a sync tool might.
      await sleep(150);
      writeFileSync(yaml, complete);
      await waitFor(/\[data\/exempel-2025\/tabeller\.yaml\] pdf, xlsx och docx klara/, at);
      expect(readFileSync(html, 'utf8')).toContain('Driftsammandrag i sammandrag');
      // Then quiet for longer than errors are held back: nothing about the half file appears.
      await sleep(600);
      expect(log.out.slice(at)).not.toMatch(/\bfel\b|yaml-syntax|tidigare filer/);
    } finally {
      child.kill('SIGINT');
    }
  });

  it('a save that stays broken is shown with its file and line, and the previous HTML stays', async () => {
    const p = scratchFixture();
    const { child, log, waitFor } = startWatch(p.root);
    const html = join(p.root, 'out', 'exempel-2025', 'exempel-2025.html');
    const yaml = join(p.data, 'exempel-2025', 'tabeller.yaml');
    try {
      const at = Math.max(await waitFor(/Bevakar exempel-2025/), await waitFor(/\[start\] pdf, xlsx och docx klara/));
      const before = readFileSync(html, 'utf8');
      const text = readFileSync(yaml, 'utf8');
      writeFileSync(yaml, text.slice(0, text.indexOf('[', text.length / 2) + 1));
      await waitFor(/data\/exempel-2025\/tabeller\.yaml:\d+:\d+ fel /, at);
      await waitFor(/fel i rapporten \(tidigare filer lämnas orörda\)/, at);
      expect(readFileSync(html, 'utf8')).toBe(before);
      expect(log.out).not.toMatch(/internt fel/);
    } finally {
      child.kill('SIGINT');
    }
  });
});
