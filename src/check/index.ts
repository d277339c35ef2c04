import { registerRule } from './run-checks.js';
import { counts } from './rules/counts.js';
import { draftMarker } from './rules/draft-marker.js';
import { reviewMarker } from './rules/review-marker.js';
import { crossTable } from './rules/cross-table.js';
import { textVsTable } from './rules/text-vs-table.js';
import { tableRules } from './rules/table-rules.js';

/** Every check rule, each in its own module. Importing this registers them. */
registerRule(tableRules);
registerRule(crossTable);
registerRule(counts);
registerRule(textVsTable);
registerRule(draftMarker);
registerRule(reviewMarker);

export { runChecks } from './run-checks.js';
