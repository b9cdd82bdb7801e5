// A synthetic season through the real services and the real contract: staff, days at several
// venues, queue tickets, visits with their records, session wipes (with photos from the simulated
// camera for the first K visits). With a canary, every name and free-text field carries it, so a
// scan can prove where it does not survive. Deterministic for a given seed.
import type { AgeBand, Outcome, Service, VisitRecord } from '../../shared/contract.js';
import type { App } from '../app.js';
import type { DeviceSet } from '../devices/devices.js';
import { SURVEY } from '../../shared/survey.js';
import { seededRandom } from '../../shared/seeded-random.js';

export interface SeedOptions {
  visits: number;
  photos: number;
  canary: string;
  seed: number;
  /** The synthetic clock the app was built with; seeding moves it. */
  clock: { now: Date };
}

export interface SeedResult {
  days: number;
  staff: number;
  tickets: number;
  visits: number;
  photos: number;
  applicants: number;
  incentives: number;
  surveys: number;
  inquiries: number;
  sessionWipes: number;
  ms: number;
}

function weighted<T>(r: () => number, table: [T, number][]): T {
  const total = table.reduce((n, [, w]) => n + w, 0);
  let x = r() * total;
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return (table.at(-1) as [T, number])[0];
}

// Booth visitors skew old: the people who find online applications hardest.
const AGE_WEIGHTS: [AgeBand, number][] = [
  ['0-4', 2], ['5-9', 2], ['10-14', 2], ['15-19', 3], ['20-24', 3], ['25-29', 3], ['30-34', 4], ['35-39', 5], ['40-44', 6],
  ['45-49', 6], ['50-54', 7], ['55-59', 8], ['60-64', 10], ['65-69', 12], ['70-74', 13], ['75-79', 11], ['80-84', 7], ['85+', 4],
];
const SERVICE_RATES: [Service, number][] = [
  ['formHelp', 0.8], ['photo', 0.7], ['envelope', 0.6], ['onlineHelp', 0.15], ['mynaPoint', 0.2], ['vaccineCert', 0.05], ['inquiry', 0.1],
];
// Kana for the incentive's hashed name check: common family and given names.
const FAMILY: [string, number][] = [['さとう', 5], ['すずき', 5], ['たかはし', 4], ['たなか', 4], ['わたなべ', 3], ['いとう', 3], ['やまもと', 3], ['なかむら', 3], ['こばやし', 2], ['かとう', 2]];
const GIVEN: [string, number][] = [['ひろし', 3], ['けいこ', 3], ['まさお', 2], ['ようこ', 3], ['たかし', 2], ['かずこ', 3], ['しげる', 2], ['みちこ', 3], ['ゆうき', 1], ['はるか', 1]];
const COMMENTS = ['丁寧に教えてもらえて助かりました。', '写真をその場で撮れて便利でした。', '待ち時間が少し長かったです。', '駐車場の場所が分かりにくかった。', 'また近くで開催してほしいです。'];
const INQUIRIES: [string, string][] = [
  ['card', 'カードの受け取りはいつ頃になるか'],
  ['procedure', '家族の分もまとめて申請できるか'],
  ['mynaPoint', 'マイナポイントの申込期限について'],
  ['card', '暗証番号を忘れたときの手続き'],
  ['complaint', '待ち時間が長い'],
];
// Venues of each channel, with how busy a day there tends to be and its hours: the planning
// analysis should find that channels differ (shopping centres draw most per staff-hour).
const VENUES: { name: string; address: string; channel: string; visits: [number, number]; opens: string; closes: string; staff: number; weekday: boolean }[] = [
  { name: '米子駅前ショッピングセンター 1階', address: '鳥取県米子市弥生町', channel: 'shoppingCentre', visits: [40, 60], opens: '10:00', closes: '17:00', staff: 3, weekday: false },
  { name: '皆生地区公民館 ホール', address: '鳥取県米子市皆生', channel: 'communityCentre', visits: [12, 25], opens: '10:00', closes: '15:00', staff: 2, weekday: false },
  { name: '市内スーパー 催事場', address: '鳥取県米子市角盤町', channel: 'supermarket', visits: [25, 40], opens: '10:00', closes: '16:00', staff: 2, weekday: false },
  { name: '米子工業団地 事業所 会議室', address: '鳥取県米子市流通町', channel: 'workplace', visits: [15, 30], opens: '12:00', closes: '15:00', staff: 2, weekday: true },
];
const STAFF = [
  ['山田 花子', 'lead'],
  ['佐藤 一郎', 'staff'],
  ['鈴木 美咲', 'staff'],
  ['高橋 健', 'staff'],
] as const;

export async function seedDemo(app: App, devices: DeviceSet, o: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const r = seededRandom(o.seed);
  const tag = o.canary ? ` ${o.canary}` : '';
  const ctx = { window: 'console' as const };
  const must = async <T>(method: string, payload: unknown): Promise<T> => {
    const res = await app.dispatch(method, payload, ctx);
    if (!res.ok) throw new Error(`seed-demo: ${method} refused: ${res.error.code} ${res.error.message.en}`);
    return res.result as T;
  };
  const advance = (minutes: number) => (o.clock.now = new Date(o.clock.now.getTime() + minutes * 60_000));

  // Staff: the first registers as lead; the lead adds the rest.
  if ((await must<unknown[]>('staff.list', {})).length > 0) {
    throw new Error('seed-demo: this store already has staff; seed an empty data folder');
  }
  const LEAD_PIN = '482913';
  const ids: number[] = [];
  for (const [i, [name, role]] of STAFF.entries()) {
    const m = await must<{ id: number }>('staff.add', { displayName: `${name}${tag}`, role, pin: i === 0 ? LEAD_PIN : String(2580 + i) });
    ids.push(m.id);
    if (i === 0) await must('session.signIn', { staffId: m.id, pin: LEAD_PIN });
  }
  // Everyone completes the training before the season (the city's condition for serving).
  const trainedOn = new Date(o.clock.now.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
  for (const id of ids) await must('staff.recordTraining', { staffId: id, heldOn: trainedOn, topics: ['conduct', 'ethics', 'privacy', 'procedure'], trainer: `研修担当 米子 次郎${tag}` });
  const venueIds: number[] = [];
  for (const v of VENUES) venueIds.push((await must<{ id: number }>('season.saveVenue', { name: `${v.name}${tag}`, address: v.address, channel: v.channel })).id);

  let days = 0;
  let tickets = 0;
  let visits = 0;
  let photos = 0;
  let applicants = 0;
  let incentives = 0;
  let surveys = 0;
  let inquiries = 0;
  while (visits < o.visits) {
    // Booth days rotate through the venues: weekends at public venues, a Wednesday at the
    // workplace, each day an event of its own that opens at the venue's hour (Japan time).
    days += 1;
    const v = VENUES[days % VENUES.length] as (typeof VENUES)[number];
    const d = new Date(o.clock.now);
    const wanted = v.weekday ? [3] : [6, 0];
    do d.setUTCDate(d.getUTCDate() + 1);
    while (!wanted.includes(d.getUTCDay()));
    const [h, m] = v.opens.split(':').map(Number) as [number, number];
    d.setUTCHours(h - 9, m, 0, 0);
    o.clock.now = d;
    const day = new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    // The lead signs in each booth day (the days are days apart).
    await must('session.signIn', { staffId: ids[0], pin: LEAD_PIN });
    const event = await must<{ id: number }>('season.saveEvent', {
      venueId: venueIds[days % VENUES.length],
      name: `マイナンバーカード出張申請会 第${days}回${tag}`,
      firstDay: day,
      lastDay: day,
      opens: v.opens,
      closes: v.closes,
      counters: 2,
      contacts: `米子市 市民課 0859-00-0000${tag}`,
    });
    const onDuty = ids.slice(1).filter((_, i) => (i + days) % 3 < v.staff - 1);
    await must('day.open', { eventId: event.id, staffIds: onDuty });
    const [lo, hi] = v.visits;
    const today = Math.min(o.visits - visits, lo + Math.floor(r() * (hi - lo + 1)));
    for (let i = 0; i < today; i++) {
      advance(1 + r() * 4);
      await must('queue.issue', {});
      tickets += 1;
      const counter = 1 + (i % 2);
      const q = await must<{ nowServing: number | null }>('queue.callNext', { counter });
      await must('visit.start', q.nowServing ? { ticketNumber: q.nowServing } : {});
      if (photos < o.photos) {
        // The real session path: the capture goes into the visit's vault; the wipe zeroes it.
        app.visits.open().holdPhoto(await devices.camera.capture());
        photos += 1;
      }
      const n = weighted(r, [[1, 75], [2, 20], [3, 4], [4, 1], [0, 10]] as [number, number][]);
      const services = SERVICE_RATES.filter(([, p]) => r() < p).map(([s]) => s);
      const outcome: Outcome = n === 0 ? 'none' : weighted(r, [['paper', 80], ['online', 13], ['both', 3]] as [Outcome, number][]);
      const record: VisitRecord = {
        services: n === 0 && services.length === 0 ? ['inquiry'] : services,
        applicants: n,
        ageBands: Array.from({ length: n }, () => weighted(r, AGE_WEIGHTS)).filter(() => r() < 0.95),
        outcome,
      };
      await must('visit.record', record);
      // About half of those who applied also receive the city's incentive, while it is offered.
      if (n > 0 && r() < 0.5) {
        const pay = await app.dispatch(
          'incentive.pay',
          { nameKana: `${weighted(r, FAMILY)} ${weighted(r, GIVEN)}`, birthDate: `19${40 + Math.floor(r() * 50)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`, applicationDate: o.clock.now.toISOString().slice(0, 10) },
          ctx,
        );
        if (pay.ok) incentives += 1;
      }
      // Most who applied answer the station's survey before they leave; some add a comment.
      if (n > 0 && r() < 0.6) {
        const answers = Object.fromEntries(SURVEY.map((q) => [q.id, (q.choices[Math.floor(r() * q.choices.length)] ?? q.choices[0])!.id]));
        const comment = r() < 0.25 ? `${COMMENTS[Math.floor(r() * COMMENTS.length)]}${tag}` : undefined;
        const res = await app.dispatch('survey.submit', { answers, source: 'station', ...(record.ageBands[0] ? { ageBand: record.ageBands[0] } : {}), ...(comment ? { comment } : {}) }, { window: 'station' });
        if (res.ok) surveys += 1;
      }
      if (record.services.includes('inquiry')) {
        const [category, body] = INQUIRIES[Math.floor(r() * INQUIRIES.length)] ?? INQUIRIES[0]!;
        await must('inquiry.add', { category, text: `${body}${tag}`, resolution: category === 'complaint' ? `その場で説明しました${tag}` : '', escalate: category === 'complaint' && r() < 0.3 });
        inquiries += 1;
      }
      advance(2 + r() * 6);
      await must('visit.end', {});
      visits += 1;
      applicants += n;
    }
    advance(30);
    await must('day.close', {});
  }
  return { days, staff: ids.length, tickets, visits, photos, applicants, incentives, surveys, inquiries, sessionWipes: visits, ms: Math.round(performance.now() - started) };
}
