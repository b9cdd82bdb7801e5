// Imported first by the renderer. zod compiles fast parsers with `new Function` where it may,
// and finds out by trying: under our Content-Security-Policy the try is blocked and reported as
// a violation on every page load. The renderer parses little, so it goes without.
import { z } from 'zod';

z.config({ jitless: true });
