// How the console shows times: the laptop's clock, hours and minutes, Japanese style.
const CLOCK = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit' });

export function clock(iso: string): string {
  return CLOCK.format(new Date(iso));
}

const DATE_CLOCK = new Intl.DateTimeFormat('ja-JP', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** Date and time, for what may have happened on another day (a printer calibrated last week). */
export function dateClock(iso: string): string {
  return DATE_CLOCK.format(new Date(iso));
}
