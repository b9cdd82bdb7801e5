// How the console shows times: the laptop's clock, hours and minutes, Japanese style.
const CLOCK = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit' });

export function clock(iso: string): string {
  return CLOCK.format(new Date(iso));
}
