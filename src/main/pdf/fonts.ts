// Japanese fonts for PDFs: Noto Sans JP TTFs shipped in an npm package, so documents render the
// same on Linux, Windows and macOS without relying on installed fonts.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('@expo-google-fonts/noto-sans-jp/package.json'));

export const FONT_REGULAR = path.join(root, '400Regular', 'NotoSansJP_400Regular.ttf');
export const FONT_BOLD = path.join(root, '700Bold', 'NotoSansJP_700Bold.ttf');
