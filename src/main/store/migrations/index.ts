// Numbered migrations, applied in order; PRAGMA user_version holds the last one applied.
// Add a file NNN-name.ts exporting `up` and list it here; never edit one that has shipped.
import * as m001 from './001-initial.js';
import * as m002 from './002-queue.js';
import * as m003 from './003-visits.js';
import * as m004 from './004-incentives.js';
import * as m005 from './005-survey-inquiries.js';
import * as m006 from './006-season.js';
import * as m007 from './007-reports-bundles.js';
import * as m008 from './008-documents.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const migrations: Migration[] = [
  { version: 1, name: '001-initial', up: m001.up },
  { version: 2, name: '002-queue', up: m002.up },
  { version: 3, name: '003-visits', up: m003.up },
  { version: 4, name: '004-incentives', up: m004.up },
  { version: 5, name: '005-survey-inquiries', up: m005.up },
  { version: 6, name: '006-season', up: m006.up },
  { version: 7, name: '007-reports-bundles', up: m007.up },
  { version: 8, name: '008-documents', up: m008.up },
];
