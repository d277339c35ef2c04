import { registerRule } from './run-checks.js';
import { crossTable } from './rules/cross-table.js';
import { tableRules } from './rules/table-rules.js';

/** Every check rule, each in its own module. Importing this registers them. */
registerRule(tableRules);
registerRule(crossTable);

export { runChecks } from './run-checks.js';
