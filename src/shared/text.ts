// Every message shown to staff or citizens is carried in Japanese first, English alongside.
// The renderer and CLI pick one by the user's language; logs never carry personal data.
import { z } from 'zod';

export const Lang = z.enum(['ja', 'en']);
export type Lang = z.infer<typeof Lang>;

export const Text = z.strictObject({ ja: z.string(), en: z.string() });
export type Text = z.infer<typeof Text>;

export function text(ja: string, en: string): Text {
  return { ja, en };
}

export function pick(t: Text, lang: Lang): string {
  return lang === 'en' ? t.en : t.ja;
}
