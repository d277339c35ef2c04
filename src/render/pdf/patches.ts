import { batchedPageBreaksInstalled } from './page-break-passes.js';
import { batchedStreamWritesInstalled } from './stream-writes.js';
import { fastStyleLookupInstalled } from './style-lookup.js';
import { lineRunsInstalled } from './line-runs.js';
import { measureReuseInstalled } from './measure-reuse.js';
import { sharedFontTablesInstalled } from './font-tables.js';
import { sharedShapingInstalled } from './shaping-cache.js';
import { subsetCacheInstalled } from './subset-cache.js';
import { taggingInstalled } from './tagging.js';

/**
 * Every module here that replaces a private method of pdfmake, pdfkit or fontkit, the methods it
 * replaces and the library version it was written for (package.json pins that version exactly).
 * A patch whose method is gone or renamed does not install and the library's own code runs:
 * test/pdf-patches.test.ts fails then, and when an installed version differs from `version`.
 */
export interface Patch {
  module: string;
  library: 'pdfmake' | 'pdfkit' | 'fontkit';
  version: string;
  /** Upstream class and method, as named in the library's source. */
  methods: string[];
  /** Whether every method is the module's replacement right now. */
  installed(): boolean;
}

export const PATCHES: readonly Patch[] = [
  {
    module: 'style-lookup.ts',
    library: 'pdfmake',
    version: '0.3.11',
    methods: [
      'StyleContextStack.getStyleProperty',
      'StyleContextStack.prototype.getProperty',
      'TextInlines.prototype.buildInlines',
    ],
    installed: fastStyleLookupInstalled,
  },
  {
    module: 'line-runs.ts',
    library: 'pdfmake',
    version: '0.3.11',
    methods: ['Renderer.prototype.renderLine'],
    installed: lineRunsInstalled,
  },
  {
    module: 'page-break-passes.ts',
    library: 'pdfmake',
    version: '0.3.11',
    methods: ['LayoutBuilder.prototype.layoutDocument'],
    installed: batchedPageBreaksInstalled,
  },
  {
    module: 'measure-reuse.ts',
    library: 'pdfmake',
    version: '0.3.11',
    methods: ['DocMeasure.prototype.measureLeaf'],
    installed: measureReuseInstalled,
  },
  {
    module: 'tagging.ts',
    library: 'pdfmake',
    version: '0.3.11',
    methods: [
      'LayoutBuilder.prototype.buildNextLine',
      'LayoutBuilder.prototype.processList',
      'ElementWriter.prototype.addFragment',
      'Renderer.prototype.renderPages',
    ],
    installed: taggingInstalled,
  },
  {
    module: 'stream-writes.ts',
    library: 'pdfkit',
    version: '0.19.1',
    methods: ['PDFReference.prototype.write', 'PDFReference.prototype.finalize'],
    installed: batchedStreamWritesInstalled,
  },
  {
    module: 'shaping-cache.ts',
    library: 'pdfkit',
    version: '0.19.1',
    methods: ['EmbeddedFont.prototype.layoutCached'],
    installed: sharedShapingInstalled,
  },
  {
    module: 'font-tables.ts',
    library: 'fontkit',
    version: '2.0.4',
    methods: ['TTFFont.prototype._getTable'],
    installed: sharedFontTablesInstalled,
  },
  {
    module: 'subset-cache.ts',
    library: 'fontkit',
    version: '2.0.4',
    methods: ['TTFSubset.prototype.encode'],
    installed: subsetCacheInstalled,
  },
];
