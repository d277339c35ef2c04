#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { regelHjälp } from '../core/diagnostics/regler.js';
import { errnoCode, osFelSv } from '../core/diagnostics/os-fel.js';
import { VERSION } from '../version.js';

// Each command is imported when it runs: `--help` and a mistyped option answer at once, and
// `build --jobb N` does not load the renderers in the thread that only hands out work.

/** Exit codes: 0 ok, 1 errors in the reports, 2 wrong use of the command. */
const program = new Command();
program
  .name('kommunrapport')
  .description(
    'Bygger kommunens rapporter (internbudget, förvaltningsbudget, budgetförslag, verksamhetsplan, delårs-, tertial- och månadsrapport, verksamhetsberättelse) från data och text, och kontrollerar att varje siffra stämmer.',
  )
  .version(VERSION, '-V, --version', 'visa versionen')
  .helpOption('-h, --help', 'visa hjälp')
  .addHelpCommand('help [kommando]', 'visa hjälp för ett kommando')
  .option('--rot <katalog>', 'projektets rotkatalog (med data/, content/ och templates/)', process.cwd())
  .showHelpAfterError('(kör kommunrapport --help för hjälp)')
  .configureOutput({ outputError: (str, write) => write(translateCommanderError(str)) })
  .exitOverride()
  .configureHelp({
    // Commander's own words, in Swedish like the rest of the tool.
    styleTitle: (t: string) =>
      ({
        'Usage:': 'Användning:',
        'Options:': 'Flaggor:',
        'Commands:': 'Kommandon:',
        'Arguments:': 'Argument:',
        'Global Options:': 'Gemensamma flaggor:',
      })[t] ?? t,
    optionDescription: (o) =>
      `${o.description}${o.defaultValue !== undefined && o.defaultValue !== false ? ` (standard: ${JSON.stringify(o.defaultValue)})` : ''}`,
    argumentDescription: (a) => a.description,
    styleUsage: (u: string) => u.replace('[options]', '[flaggor]').replace('[command]', '[kommando]'),
    styleSubcommandTerm: (t: string) => t.replace('[options]', '[flaggor]'),
  });

program
  .command('validate')
  .description('läser in och validerar rapporternas data; skriver fel med fil, rad och kolumn')
  .argument('[rapport...]', 'rapporter att validera (standard: alla under data/)')
  .addHelpText('after', '\nExempel:\n  kommunrapport validate\n  kommunrapport validate ks-internbudget-2024\n')
  .action(async (rapporter: string[]) => {
    const { runValidate } = await import('./commands/validate.js');
    process.exitCode = runValidate(program.opts<{ rot: string }>().rot, rapporter);
  });

program
  .command('check')
  .description('kontrollerar tabellernas räkneregler, samband mellan tabeller, antal och varje siffra i texten')
  .argument('[rapport...]', 'rapporter att kontrollera (standard: alla under data/)')
  .option('--format <format>', 'text eller json', 'text')
  .option('--alla', 'visa också info (t.ex. skillnader inom avrundning)')
  .addHelpText(
    'after',
    `\nRegler (regel-id i fynd, kontroll.json och accepterade i rapport.yaml):\n${regelHjälp()}\n\nAvslutas med kod 1 om något fel hittas som inte är accepterat i rapport.yaml.\n\nExempel:\n  kommunrapport check\n  kommunrapport check norrvik-tertial-2026 --format json > kontroll.json\n`,
  )
  .action(async (rapporter: string[], opts: { format: string; alla?: boolean }) => {
    const { runCheck } = await import('./commands/check.js');
    process.exitCode = runCheck(program.opts<{ rot: string }>().rot, rapporter, opts);
  });

program
  .command('build')
  .description('bygger rapporterna till out/<rapport>/')
  .argument('[rapport...]', 'rapporter att bygga (standard: alla under data/)')
  .option('--out <katalog>', 'katalog för utdata', 'out')
  .option('--format <lista>', 'format att skapa, kommaseparerade: html,pdf,xlsx,docx', 'html,pdf,xlsx,docx')
  .option('--strict', 'avbryt om kontrollen hittar fel')
  .option('--pdfa', 'skapa PDF/A-2a (taggad) för arkivet')
  .option(
    '--jobb <antal>',
    'antal trådar att bygga i (standard: väljs efter den här datorns uppmätta kapacitet, se nedan)',
  )
  .option('--tyst', 'skriv inte ut varningar och kontrollfynd (fel skrivs alltid ut)')
  .addHelpText(
    'after',
    '\nTrådar: utan --jobb byggs allt i en tråd, utom när\n' +
      '  - det finns minst 8 rapporter (varje tråd värmer först upp koden och lönar sig först med 4 rapporter),\n' +
      '  - två trådar gör minst 1,6 gånger så mycket som en på den här datorn: det mäts en gång med en\n' +
      '    provslinga (en till tre sekunder) och sparas i ~/.cache/kommunrapport ($XDG_CACHE_HOME, eller\n' +
      '    KOMMUNRAPPORT_CACHE; 0 stänger av sparandet), per processor, antal kärnor och version,\n' +
      '  - och belastningen lämnar minst två kärnor lediga; då en tråd per 4 rapporter och ledig kärna.\n' +
      'Valet och varför skrivs ut före bygget (utom med --tyst). Med --jobb N används N trådar.\n' +
      'En enda rapport med PDF utan --jobb: PDF:en läggs ut i en egen tråd medan de andra formaten görs,\n' +
      '  om två kärnor är lediga just nu (KOMMUNRAPPORT_PDF_TRAD=1 eller 0 bestämmer i stället).\n' +
      '\nExempel:\n  kommunrapport build\n  kommunrapport build --tyst\n  kommunrapport build --jobb 1\n  kommunrapport build ks-delarsrapport-2021-08 --format html,pdf --out /tmp/ut\n  kommunrapport build norrvik-tertial-2026 --strict --pdfa\n',
  )
  .action(
    async (
      rapporter: string[],
      opts: { out: string; format: string; strict?: boolean; pdfa?: boolean; jobb?: string; tyst?: boolean },
    ) => {
      const { runBuild } = await import('./commands/build.js');
      process.exitCode = await runBuild(program.opts<{ rot: string }>().rot, rapporter, opts);
    },
  );

program
  .command('init')
  .description(
    'skapar en ny, liten och giltig rapport att börja från: kommenterad YAML och kapitel med rubriker att fylla i',
  )
  .argument('<rapport>', 'den nya rapportens id (dess mappnamn), t.ex. ekby-budget-2026')
  .requiredOption(
    '--typ <rapporttyp>',
    'internbudget, förvaltningsbudget, budgetförslag, verksamhetsplan, delårsrapport, tertialrapport, månadsrapport eller verksamhetsberättelse',
  )
  .requiredOption('--kommun <namn>', 'kommunens namn, t.ex. "Ekby kommun"')
  .requiredOption('--nämnd <namn>', 'nämndens namn, t.ex. "Kultur- och fritidsnämnden"')
  .requiredOption('--år <år>', 'budgetåret (det år rapporten gäller)')
  .option('--förvaltning <namn>', 'förvaltningens namn')
  .option(
    '--till <datum>',
    'periodens slutdatum för en delårs-, tertial- eller månadsrapport (standard: 31 augusti, 30 april, 31 mars)',
  )
  .addHelpText(
    'after',
    '\nSkapar data/<rapport>/ och content/<rapport>/ som byggs direkt med rapporttypens generiska mall\n(templates/generisk/<typ>.hbs) och kommunens profil (data/profiler/<kommun>.yaml) om den finns.\nSkriver aldrig över en befintlig rapport.\n\nExempel:\n  kommunrapport init ekby-budget-2026 --typ budgetförslag --kommun "Ekby kommun" --nämnd "Kultur- och fritidsnämnden" --år 2026\n  kommunrapport init ekby-tertial-2026-04 --typ tertialrapport --kommun "Ekby kommun" --nämnd "Barn- och utbildningsnämnden" --år 2026\n',
  )
  .action(
    async (
      rapport: string,
      opts: { typ: string; kommun: string; nämnd: string; år: string; förvaltning?: string; till?: string },
    ) => {
      const { runInit } = await import('./commands/init.js');
      process.exitCode = runInit(program.opts<{ rot: string }>().rot, rapport, opts);
    },
  );

program
  .command('ny')
  .description(
    'rullar fram en rapport till nästa år: en ny rapport med år och kolumner flyttade ett år och texterna som utkast',
  )
  .argument('<ny-rapport>', 'den nya rapportens id (dess mappnamn), t.ex. ks-internbudget-2025')
  .requiredOption('--från <rapport>', 'rapporten som rullas fram, t.ex. ks-internbudget-2024')
  .option(
    '--typ <rapporttyp>',
    'en annan rapporttyp än --från: samma års uppföljning påbörjad från budgeten, t.ex. delårsrapport',
  )
  .addHelpText(
    'after',
    '\nSkapar data/<ny-rapport>/ och content/<ny-rapport>/ från rapporten i --från. Budgetår, planår och perioden\nflyttas ett år, förra årets budget blir jämförelsekolumn och planen för året blir utkast till budget;\nutfall som inte är kända lämnas tomma. Uppdragen markeras granska: true och texterna får en UTKAST-rad.\nSkriver aldrig över en befintlig rapport eller fil.\n\nExempel:\n  kommunrapport ny ks-internbudget-2025 --från ks-internbudget-2024\n  kommunrapport ny ks-delarsrapport-2022-08 --från ks-delarsrapport-2021-08\n\nMed --typ blir det i stället samma års rapport av en annan typ: mål, indikatorer, uppdrag och årets\nbudgetkolumner följer med, kolumner för utfall, prognos och avvikelse läggs till tomma, och kapitlen\nblir nya rubriker att skriva.\n  kommunrapport ny ks-delarsrapport-2024-08 --från ks-internbudget-2024 --typ delårsrapport\n',
  )
  .action(async (nyRapport: string, opts: { från: string; typ?: string }) => {
    const { runNy } = await import('./commands/ny.js');
    process.exitCode = runNy(program.opts<{ rot: string }>().rot, nyRapport, opts);
  });

program
  .command('paket')
  .description(
    'skriver bilagorna till ett kommunstyrelsesammanträde: stämplade PDF:er med stabila filnamn och ett index',
  )
  .argument('<rapport...>', 'rapporter som hör till samma ärende (beslut.datum, paragraf, diarienummer)')
  .option('--out <katalog>', 'katalog för utdata (paketet hamnar i <katalog>/paket/<diarienummer>/)', 'out')
  .option('--pdfa', 'skapa PDF/A-2a (taggad) för arkivet')
  .option('--strict', 'avbryt om kontrollen hittar fel')
  .option('--docx', 'skriv också varje bilaga som Word-dokument (.docx) bredvid dess PDF, med samma stämpel')
  .addHelpText(
    'after',
    '\nRapportens bilagenummer (bilaga) och ärendet (beslut: datum, paragraf, diarienummer) hämtas ur rapport.yaml;\nflera rapporter i samma paket hör till samma ärende.\n\nExempel:\n  kommunrapport paket norrvik-tertial-2026\n  kommunrapport paket norrvik-tertial-2026 --pdfa --out /tmp/paket\n  kommunrapport paket norrvik-tertial-2026 --docx --out /tmp/paket\n',
  )
  .action(async (rapporter: string[], opts: { out: string; pdfa?: boolean; strict?: boolean; docx?: boolean }) => {
    const { runPaket } = await import('./commands/paket.js');
    process.exitCode = await runPaket(program.opts<{ rot: string }>().rot, rapporter, opts);
  });

program
  .command('watch')
  .description(
    'bygger om rapporten vid varje ändring i dess data, text eller mallarna; HTML först, PDF, Excel och Word sedan',
  )
  .argument('<rapport>', 'rapporten att bevaka')
  .option('--out <katalog>', 'katalog för utdata', 'out')
  .addHelpText('after', '\nExempel:\n  kommunrapport watch ks-internbudget-2024\n')
  .action(async (rapport: string, opts: { out: string }) => {
    const { runWatch } = await import('./commands/watch.js');
    process.exitCode = await runWatch(program.opts<{ rot: string }>().rot, rapport, opts);
  });

program
  .command('import')
  .description('hämtar tabellernas belopp ur ekonomisystemets export (.xlsx, CSV eller SIE 4) till tabeller.yaml')
  .argument('<rapport>', 'rapporten vars tabeller fylls i, t.ex. ks-internbudget-2024')
  .requiredOption('--från <fil>', 'exporten: .xlsx, .csv (; eller ,; UTF-8 eller Windows-1252) eller SIE 4 (.se, .si)')
  .option(
    '--mappning <fil>',
    'mappningen (YAML): vilka konton och objekt som blir vilken rad och kolumn (standard: data/<rapport>/mappning.yaml)',
  )
  .option('--torrkörning', 'visa ändringarna, summorna och kontrollen utan att skriva något')
  .option(
    '--ny-mappning',
    'skriv en första mappning ur exportens dimensioner och rapportens tabeller, till --mappning (med --torrkörning: till skärmen)',
  )
  .addHelpText(
    'after',
    '\nSkriver ut varje cell som ändras (före → efter), exportens och importens summor per kolumn sida vid sida\noch varje belopp som ingen rad tar. Värdena skrivs in i tabeller.yaml på plats (kommentarer och\nlayout behålls); ett fel någonstans skriver ingenting. Efteråt körs kontrollen och varje siffra i\ntexten som inte längre stämmer med tabellerna skrivs ut.\n\nExempel:\n  kommunrapport import exempel-2025 --från huvudbok.se --ny-mappning --mappning data/exempel-2025/mappning.yaml\n  kommunrapport import exempel-2025 --från huvudbok.se --torrkörning\n  kommunrapport import exempel-2025 --från budget.csv --mappning import/budget-csv.yaml\n  kommunrapport import exempel-2025 --från rapport.xlsx --mappning import/rapport-xlsx.yaml\n',
  )
  .action(
    async (rapport: string, opts: { från: string; mappning?: string; torrkörning?: boolean; nyMappning?: boolean }) => {
      const { runImport } = await import('./commands/import.js');
      process.exitCode = await runImport(program.opts<{ rot: string }>().rot, rapport, opts);
    },
  );

function translateCommanderError(str: string): string {
  return str
    .replace(/^error: unknown option '(.*)'/m, "fel: okänd flagga '$1'")
    .replace(/^error: unknown command '(.*)'/m, "fel: okänt kommando '$1'")
    .replace(/^error: too many arguments.*$/m, 'fel: för många argument')
    .replace(/^error: missing required argument '(.*)'/m, "fel: argumentet '$1' saknas")
    .replace(/^error: option '(.*)' argument missing/m, "fel: flaggan '$1' behöver ett värde")
    .replace(/^error: required option '(.*)' not specified/m, "fel: flaggan '$1' måste anges")
    .replace(/^error: /m, 'fel: ');
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // help and version exit 0; usage errors exit 2 as CI scripts expect.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    // An operating-system error that escaped its command is still said in Swedish.
    console.error(`internt fel: ${errnoCode(e) ? osFelSv(e) : e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 3;
  }
}
