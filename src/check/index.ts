import { registerRule } from './run-checks.js';
import { counts } from './rules/antal/index.js';
import { draftMarker } from './rules/utkast/index.js';
import { reviewMarker } from './rules/uppdrag-granska/index.js';
import { crossTable } from './rules/samband/index.js';
import { textVsTable } from './rules/text-mot-tabell/index.js';
import { tableRules } from './rules/tabell-regel/index.js';
import { bedömningMotIndikatorer } from './rules/bedomning-mot-indikatorer/index.js';
import { typedPageNumber } from './rules/sidhanvisning/index.js';

/** Every check rule, each in its own module. Importing this registers them. */
registerRule(tableRules);
registerRule(crossTable);
registerRule(counts);
registerRule(textVsTable);
registerRule(draftMarker);
registerRule(reviewMarker);
registerRule(bedömningMotIndikatorer);
registerRule(typedPageNumber);

export { runChecks } from './run-checks.js';
