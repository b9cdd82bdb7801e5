// The one contract between the renderer (console, station) and the main process.
// Every call names its input and output schema, which windows may make it, and how large its
// payload may be. Both transports (Electron IPC, browser-host WebSocket) carry exactly this.
import { z } from 'zod';
import { ErrorBody } from './errors.js';
import { Lang, Text } from './text.js';
import { PhotoCheck } from './photo-checks.js';
import { PhotoRules } from './photo-rules.js';

export const WindowRole = z.enum(['console', 'station']);
export type WindowRole = z.infer<typeof WindowRole>;

const Empty = z.strictObject({});

// ---- devices ------------------------------------------------------------------------------

export const DeviceKind = z.enum(['camera', 'photoPrinter', 'ticketPrinter']);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const DeviceStatus = z.strictObject({
  kind: DeviceKind,
  simulated: z.boolean(),
  /** Model or queue name, e.g. "Canon EOS Kiss X10" or "DS-RX1"; the simulator says what it is. */
  name: z.string(),
  state: z.enum(['ready', 'busy', 'offline']),
  /** Where a simulated device writes its output (shown on screen), null for real hardware. */
  outputDir: z.string().nullable(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const AppMode = z.enum(['demo', 'mixed', 'hardware']);
export type AppMode = z.infer<typeof AppMode>;

export const AppStatus = z.strictObject({
  version: z.string(),
  mode: AppMode,
  devices: z.array(DeviceStatus),
  host: z.enum(['electron', 'browser']),
  dataDir: z.string(),
});
export type AppStatus = z.infer<typeof AppStatus>;

// ---- doctor -------------------------------------------------------------------------------

export const DoctorStatus = z.enum(['ok', 'warn', 'fail']);
export type DoctorStatus = z.infer<typeof DoctorStatus>;

export const DoctorLineId = z.enum([
  'runtime',
  'camera',
  'photoChecks',
  'photoPrinter',
  'ticketPrinter',
  'keyStore',
  'printSpool',
  'disk',
  'diskEncryption',
  'antivirus',
  'network',
]);
export type DoctorLineId = z.infer<typeof DoctorLineId>;

export const DoctorLine = z.strictObject({
  id: DoctorLineId,
  status: DoctorStatus,
  title: Text,
  detail: Text,
  /** What staff should do, in plain words; null when nothing is needed. */
  fix: Text.nullable(),
});
export type DoctorLine = z.infer<typeof DoctorLine>;

export const DoctorReport = z.strictObject({
  checkedAt: z.string(),
  lines: z.array(DoctorLine),
  worst: DoctorStatus,
});
export type DoctorReport = z.infer<typeof DoctorReport>;

// ---- the day ------------------------------------------------------------------------------


export const DayOpenInput = z.strictObject({
  /** The event scheduled for today (set up beforehand in the season area). */
  eventId: z.number().int().positive(),
  /** Staff on duty, from the roster; each must have completed training. The one signed in is added. */
  staffIds: z.array(z.number().int().positive()).max(30),
  /** Counters open today; default: the event's. */
  counters: z.number().int().min(1).max(20).optional(),
});
export type DayOpenInput = z.infer<typeof DayOpenInput>;

export const DayState = z.strictObject({
  /** The booth day (Japan's calendar day). */
  day: z.string(),
  eventId: z.number().int(),
  eventName: z.string(),
  venue: z.string(),
  staff: z.array(z.string()),
  staffIds: z.array(z.number().int()),
  counters: z.number().int(),
  openedAt: z.string(),
});
export type DayState = z.infer<typeof DayState>;

/** One booth day in figures: no identity anywhere. */
export const DayTotals = z.strictObject({
  day: z.string(),
  tickets: z.strictObject({ issued: z.number().int(), served: z.number().int(), skipped: z.number().int(), stillWaiting: z.number().int() }),
  visits: z.number().int(),
  applicants: z.number().int(),
  outcomes: z.strictObject({ paper: z.number().int(), online: z.number().int(), both: z.number().int(), none: z.number().int() }),
  services: z.record(z.string(), z.number().int()),
  incentives: z.strictObject({ count: z.number().int(), yen: z.number().int() }),
  surveys: z.number().int(),
  inquiries: z.strictObject({ count: z.number().int(), escalated: z.number().int() }),
});
export type DayTotals = z.infer<typeof DayTotals>;

export const DaySummary = z.strictObject({
  eventName: z.string(),
  venue: z.string(),
  openedAt: z.string(),
  closedAt: z.string(),
  minutesOpen: z.number().int(),
  totals: DayTotals,
  /** The summary as the ticket printer prints it (shown on screen when it cannot print). */
  preview: z.string(),
  printed: z.boolean(),
});
export type DaySummary = z.infer<typeof DaySummary>;

// ---- station ------------------------------------------------------------------------------

export const StationState = z.strictObject({
  dayOpen: z.boolean(),
  venue: z.string().nullable(),
  /** Ticket number now being served, shown large on the idle screen. */
  nowServing: z.number().int().nullable(),
  /** The counter it is called to. */
  counter: z.number().int().nullable(),
  /** A visit is open: the station offers the citizen's steps (language, survey …). */
  visitOpen: z.boolean(),
  /** Untouched this long, the citizen's steps return to the start and the shot is zeroed. */
  idleSeconds: z.number().int(),
});
export type StationState = z.infer<typeof StationState>;

// ---- the store ----------------------------------------------------------------------------

/**
 * What the lead still has to do after the end-of-event wipe: said when it ends, and kept in
 * wiped.json (counts and a yes/no, nothing personal) so the console shows it on the wiped device
 * until a new season starts.
 */
export const AfterWipe = z.strictObject({
  /** Times a photo was on the camera's card (deleted there each time); above 0, staff format the card in the camera. */
  cameraCardPhotos: z.number().int(),
  /** Print jobs the print system kept after their visits; above 0, an administrator purges them. */
  spoolKeptJobs: z.number().int(),
  /** The certificate folder is on the same disk as the app's data (no USB stick): copy it off before the device goes back. */
  certificateOnThisDisk: z.boolean(),
});
export type AfterWipe = z.infer<typeof AfterWipe>;

export const StoreStatus = z.strictObject({
  /** new: no data yet; locked: needs the passphrase; open; wiped: the end-of-event wipe ran. */
  state: z.enum(['new', 'locked', 'open', 'wiped']),
  /** How the key is protected: by the OS key store, or by the lead's passphrase. */
  wrap: z.enum(['os-key-store', 'passphrase']).nullable(),
  wipedAt: z.string().nullable(),
  /** Where the end-of-event wipe wrote its certificate. */
  wipeCertificate: z.string().nullable(),
  /** What the lead still has to do after the end-of-event wipe; null unless wiped. */
  afterWipe: AfterWipe.nullable(),
  /** Seconds to wait before the next passphrase attempt is checked (after wrong ones). */
  retryDelaySeconds: z.number().int().nonnegative(),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

export const StoreUnlockInput = z.strictObject({
  /** On a new device this sets the passphrase; the renderer asks for it twice. */
  passphrase: z.string().min(1).max(256),
});

// ---- staff and the console session ----------------------------------------------------------

export const Role = z.enum(['lead', 'staff', 'office']);
export type Role = z.infer<typeof Role>;

/** The four topics of the training every member completes before serving (the city's request). */
export const TrainingTopic = z.enum(['conduct', 'ethics', 'privacy', 'procedure']);
export type TrainingTopic = z.infer<typeof TrainingTopic>;

export const StaffMember = z.strictObject({
  id: z.number().int(),
  displayName: z.string(),
  role: Role,
  handlesPersonalData: z.boolean(),
  active: z.boolean(),
  /** Topics not yet completed; while any is missing the member cannot serve. */
  trainingMissing: z.array(TrainingTopic),
});
export type StaffMember = z.infer<typeof StaffMember>;

const PinInput = z.string().regex(/^\d{4,8}$/, { message: 'PIN: 4–8 digits' });

export const StaffAddInput = z.strictObject({
  displayName: z.string().trim().min(1).max(60),
  role: Role,
  pin: PinInput,
  handlesPersonalData: z.boolean().default(true),
});

export const ConsoleSession = z.strictObject({
  member: StaffMember,
  signedInAt: z.string(),
  /** The console locks after this many idle minutes. */
  idleMinutes: z.number().int(),
  permissions: z.array(z.enum(['serve', 'exportReports', 'changeSettings', 'manageStaff', 'manageEvents', 'wipe'])),
});
export type ConsoleSession = z.infer<typeof ConsoleSession>;

// ---- the season: venues, events, training, duties (the lead and the city office) --------------

export const Channel = z.enum(['shoppingCentre', 'supermarket', 'workplace', 'school', 'communityCentre', 'other']);
export type Channel = z.infer<typeof Channel>;

export const Venue = z.strictObject({ id: z.number().int(), name: z.string(), address: z.string(), channel: Channel });
export type Venue = z.infer<typeof Venue>;

export const VenueInput = z.strictObject({
  id: z.number().int().positive().optional(),
  name: z.string().trim().min(1).max(80),
  address: z.string().trim().max(200).default(''),
  channel: Channel,
});

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'HH:MM' });

export const Duty = z.enum(['chief', 'reception', 'formHelp', 'photo', 'onlineHelp', 'guide']);
export type Duty = z.infer<typeof Duty>;

export const EventDuty = z.strictObject({ staffId: z.number().int().positive(), duty: Duty });
export type EventDuty = z.infer<typeof EventDuty>;

export const BoothEvent = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  venue: Venue,
  firstDay: z.string(),
  lastDay: z.string(),
  opens: z.string(),
  closes: z.string(),
  counters: z.number().int(),
  /** Who to call (the city office, the venue's manager …), as the run sheet prints it. */
  contacts: z.string(),
  duties: z.array(EventDuty),
  updatedAt: z.string(),
});
export type BoothEvent = z.infer<typeof BoothEvent>;

export const EventInput = z
  .strictObject({
    id: z.number().int().positive().optional(),
    venueId: z.number().int().positive(),
    name: z.string().trim().min(1).max(80),
    firstDay: z.iso.date(),
    lastDay: z.iso.date(),
    opens: HourMinute,
    closes: HourMinute,
    counters: z.number().int().min(1).max(20),
    contacts: z.string().trim().max(1000).default(''),
  })
  .refine((e) => e.lastDay >= e.firstDay, { message: 'the last day is before the first', path: ['lastDay'] })
  .refine((e) => e.closes > e.opens, { message: 'closes before it opens', path: ['closes'] });

export const TrainingRecord = z.strictObject({
  id: z.number().int(),
  staffId: z.number().int(),
  heldOn: z.string(),
  topic: TrainingTopic,
  trainer: z.string(),
});
export type TrainingRecord = z.infer<typeof TrainingRecord>;

export const TrainingInput = z.strictObject({
  staffId: z.number().int().positive(),
  heldOn: z.iso.date(),
  topics: z.array(TrainingTopic).min(1).max(4),
  trainer: z.string().trim().min(1).max(60),
});

// ---- reports and planning (the lead and the city office) --------------------------------------

export const ReportOpinion = z.strictObject({
  source: z.enum(['survey', 'inquiry']),
  id: z.number().int(),
  day: z.string(),
  venue: z.string(),
  kind: z.enum(['opinion', 'complaint']),
  original: z.string(),
  suggestion: z.string(),
  confirmed: z.string().nullable(),
  excluded: z.boolean(),
});
export type ReportOpinion = z.infer<typeof ReportOpinion>;

const Period = z.strictObject({ from: z.iso.date(), to: z.iso.date() }).refine((p) => p.from <= p.to, { message: 'from is after to', path: ['to'] });

export const MadeReport = z.strictObject({
  kind: z.enum(['weekly', 'final']),
  period: z.strictObject({ from: z.string(), to: z.string() }),
  files: z.strictObject({ pdf: z.string(), xlsx: z.string(), csv: z.string() }),
  rows: z.number().int(),
  visits: z.number().int(),
  applicants: z.number().int(),
  unreviewedOpinions: z.number().int(),
  ms: z.record(z.string(), z.number()),
});
export type MadeReport = z.infer<typeof MadeReport>;

export const PlanView = z.strictObject({
  channels: z.array(z.strictObject({ channel: Channel, days: z.number(), staffHours: z.number(), applicants: z.number(), perStaffHour: z.number(), olderShare: z.number(), ageMix: z.record(z.string(), z.number()), enough: z.boolean() })),
  weekday: z.strictObject({ perStaffHour: z.number(), days: z.number() }),
  weekend: z.strictObject({ perStaffHour: z.number(), days: z.number() }),
  byHour: z.array(z.strictObject({ hour: z.string(), perDay: z.number() })),
  hours: z.number(),
  allocation: z.array(z.strictObject({ channel: Channel, hours: z.number(), applications: z.number() })),
  gained: z.number(),
  issuance: z
    .strictObject({
      asOf: z.string(),
      population: z.number(),
      issued: z.number(),
      rateNow: z.number(),
      rateProjected: z.number(),
      bands: z.array(z.strictObject({ band: z.string(), population: z.number(), issued: z.number(), rateNow: z.number(), rateProjected: z.number() })),
    })
    .nullable(),
  assumptions: z.array(z.string()),
});
export type PlanView = z.infer<typeof PlanView>;

export const DocumentKind = z.enum(['runSheet', 'flyer', 'surveyForm', 'roster']);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** One document the city wants, for one event (or the roster): due when, made which version, submitted or not. */
export const DocumentStatus = z.strictObject({
  kind: DocumentKind,
  eventId: z.number().int().nullable(),
  eventName: z.string().nullable(),
  firstDay: z.string().nullable(),
  /** Due to the city (the event's first day less the setting's days); null for the roster. */
  due: z.string().nullable(),
  /** missing: never made; outdated: the event (or roster) changed since; made: not yet submitted. */
  state: z.enum(['missing', 'outdated', 'made', 'submitted']),
  overdue: z.boolean(),
  latest: z.strictObject({ id: z.number().int(), version: z.number().int(), madeAt: z.string(), file: z.string(), submittedAt: z.string().nullable() }).nullable(),
});
export type DocumentStatus = z.infer<typeof DocumentStatus>;

const Base64 = z.string().max(8_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'base64' });
const IssuanceMapping = z.strictObject({ band: z.string().max(100).optional(), population: z.string().max(100).optional(), issued: z.string().max(100).optional() });

export const IssuancePreview = z.strictObject({
  /** The first line with cells, to choose columns from. */
  header: z.array(z.string()),
  encoding: z.enum(['utf-8', 'shift_jis']).nullable(),
  columns: z.strictObject({ band: z.string(), population: z.string(), issued: z.string() }).nullable(),
  rows: z.array(z.strictObject({ band: z.string(), population: z.number(), issued: z.number() })),
  /** The first lines not read, with why; `unreadTotal` counts them all. */
  unread: z.array(z.strictObject({ line: z.number().int(), reason: z.string() })),
  unreadTotal: z.number().int(),
  /** Why it cannot be read as it is (choose the columns), or null. */
  problem: Text.nullable(),
});
export type IssuancePreview = z.infer<typeof IssuancePreview>;

export const BundleImportResult = z.strictObject({
  /** unknown-device: nothing imported; compare the fingerprint with the device's and confirm. */
  status: z.enum(['new', 'again', 'unknown-device']),
  deviceId: z.string(),
  fingerprint: z.string(),
  days: z.number().int(),
  opinions: z.number().int(),
  incentives: z.number().int(),
  paidTwice: z.number().int(),
});
export type BundleImportResult = z.infer<typeof BundleImportResult>;

// ---- visits (the data-rule side: vault and session wipe) -----------------------------------

/** What the booth gives, numbered as in the city's request (② … ⑧). */
export const Service = z.enum(['formHelp', 'photo', 'envelope', 'onlineHelp', 'mynaPoint', 'vaccineCert', 'inquiry']);
export type Service = z.infer<typeof Service>;

/** The five-year bands of the national issuance statistics (85+ as the open top band). */
export const AGE_BANDS = ['0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85+'] as const;
export const AgeBand = z.enum(AGE_BANDS);
export type AgeBand = z.infer<typeof AgeBand>;

export const Outcome = z.enum(['paper', 'online', 'both', 'none']);
export type Outcome = z.infer<typeof Outcome>;

export const VisitRecord = z
  .strictObject({
    services: z.array(Service).max(7),
    /** People who applied in this visit (a family counts each). */
    applicants: z.number().int().min(0).max(10),
    /** One band per applicant, where they told it. */
    ageBands: z.array(AgeBand).max(10),
    outcome: Outcome,
  })
  .refine((r) => r.ageBands.length <= r.applicants, { message: 'more age bands than applicants', path: ['ageBands'] })
  .refine((r) => (r.outcome === 'none') === (r.applicants === 0), { message: 'an outcome needs applicants, and applicants need an outcome', path: ['outcome'] });
export type VisitRecord = z.infer<typeof VisitRecord>;

export const Visit = z.strictObject({ id: z.string(), startedAt: z.string(), ticketNumber: z.number().int().nullable() });
export type Visit = z.infer<typeof Visit>;

export const VisitState = z.strictObject({
  visit: Visit.nullable(),
  /** What has been recorded for the open visit so far. */
  record: VisitRecord.nullable(),
  /** The camera card could not be emptied: no new visit until staff recheck the camera. */
  blocked: z.boolean(),
});
export type VisitState = z.infer<typeof VisitState>;

export const SessionWipeSummary = z.strictObject({
  reason: z.enum(['ended', 'timeout', 'crash-recovery', 'day-closed']),
  photos: z.number().int(),
  secrets: z.number().int(),
  bytesZeroed: z.number().int(),
  tempFiles: z.number().int(),
  cameraFiles: z.number().int(),
  cameraRemaining: z.number().int(),
  printJobs: z.number().int(),
  /** Jobs the print system still keeps (its settings), which the app cannot remove. */
  printJobsKept: z.number().int(),
  stationReset: z.boolean(),
  problems: z.array(z.string()),
  ms: z.number().int(),
});
export type SessionWipeSummary = z.infer<typeof SessionWipeSummary>;

// ---- the queue (整理券) ------------------------------------------------------------------------

export const QueueTicket = z.strictObject({
  number: z.number().int(),
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  counter: z.number().int().nullable(),
});
export type QueueTicket = z.infer<typeof QueueTicket>;

export const QueueState = z.strictObject({
  day: z.string(),
  waiting: z.array(QueueTicket),
  /** Being served now, one per counter. */
  serving: z.array(QueueTicket),
  nowServing: z.number().int().nullable(),
  issued: z.number().int(),
  served: z.number().int(),
  skipped: z.number().int(),
  /** Median minutes per visit over the recent ones (the setting until there are enough). */
  serviceMinutes: z.number(),
  /** What a ticket issued now would wait, in minutes. */
  estimatedWaitMinutes: z.number().int(),
});
export type QueueState = z.infer<typeof QueueState>;

export const IssuedTicket = z.strictObject({
  ticket: QueueTicket,
  ahead: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  printed: z.boolean(),
  /** The ticket as text, shown on screen when there is no printer (or it failed). */
  preview: z.string(),
  printerProblem: Text.nullable(),
});
export type IssuedTicket = z.infer<typeof IssuedTicket>;

// ---- the incentive ------------------------------------------------------------------------

export const IncentiveDay = z.strictObject({ day: z.string(), count: z.number().int(), totalYen: z.number().int() });
export type IncentiveDay = z.infer<typeof IncentiveDay>;

export const IncentivePayInput = z.strictObject({
  /** Name in kana, as on the application; hashed with the season's secret, never stored. */
  nameKana: z.string().trim().min(1).max(60),
  birthDate: z.iso.date(),
  /** When the citizen applied for the card (today, for applications at the booth). */
  applicationDate: z.iso.date(),
});

export const IncentiveResult = z.strictObject({ amountYen: z.number().int(), printed: z.boolean(), day: IncentiveDay });
export type IncentiveResult = z.infer<typeof IncentiveResult>;

// ---- survey (⑪) and inquiries (⑧) ---------------------------------------------------------

export const SurveyAnswerInput = z.strictObject({
  /** Question id → choice id; unanswered questions are left out. */
  answers: z.record(z.string().max(40), z.string().max(40)),
  ageBand: AgeBand.optional(),
  comment: z.string().trim().max(500).optional(),
  /** Where it was answered: on the station, or typed in from a paper form. */
  source: z.enum(['station', 'paper']),
});

export const InquiryCategory = z.enum(['procedure', 'card', 'mynaPoint', 'vaccineCert', 'complaint', 'other']);

export const InquiryInput = z.strictObject({
  category: InquiryCategory,
  text: z.string().trim().min(1).max(1000),
  resolution: z.string().trim().max(1000).default(''),
  escalate: z.boolean().default(false),
});

// ---- the end-of-event wipe ------------------------------------------------------------------

export const WipeAllInput = z.strictObject({
  /** The lead confirms with their PIN. */
  pin: z.string().max(16),
  /** An absolute folder outside the app's folders (a USB stick, say). */
  certificateDir: z.string().min(1).max(1024),
  place: z.string().max(200),
});

export const WipeAllResult = z.strictObject({
  certificateId: z.string(),
  certificatePdf: z.string(),
  certificateJson: z.string(),
  exports: z.array(z.string()),
  filesDestroyed: z.number().int(),
  verification: z.enum(['pass', 'fail']),
  ...AfterWipe.shape,
});
export type WipeAllResult = z.infer<typeof WipeAllResult>;

// ---- device checks ------------------------------------------------------------------------

export const CameraSnapshot = z.strictObject({
  mime: z.literal('image/jpeg'),
  base64: z.string(),
  simulated: z.boolean(),
});
export type CameraSnapshot = z.infer<typeof CameraSnapshot>;

export const TicketTestPrint = z.strictObject({
  simulated: z.boolean(),
  bytes: z.number().int(),
  /** What the ticket says, as the simulated printer renders it; null on real hardware. */
  preview: z.string().nullable(),
});
export type TicketTestPrint = z.infer<typeof TicketTestPrint>;

// ---- the ID photo ---------------------------------------------------------------------------

/** A clockwise turn of a picture, in quarters (how a camera is mounted, how a photo was turned). */
export const QuarterTurns = z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]);

/** One plain instruction for the citizen while framing (the station words it per language). */
export const LiveHint = z.enum(['noFace', 'oneOnly', 'maskOff', 'glassesOff', 'closer', 'back', 'lower', 'centre', 'straighten', 'faceCamera', 'ok']);
export type LiveHint = z.infer<typeof LiveHint>;

const Share = z.number().min(-2).max(3);
const ShareRect = z.strictObject({ x: Share, y: Share, width: Share, height: Share });

/** Where things are in a live frame, as shares of its width and height. */
export const LiveGuide = z.strictObject({
  faces: z.number().int(),
  face: ShareRect.nullable(),
  eyeLineY: Share.nullable(),
  crownY: Share.nullable(),
  chinY: Share.nullable(),
  /** The 35:45 photo as it would be cropped from this frame. */
  crop: ShareRect.nullable(),
  hint: LiveHint,
});
export type LiveGuide = z.infer<typeof LiveGuide>;

export const CameraFrame = z.strictObject({
  seq: z.number().int(),
  /** JPEG, base64, as the camera sent it. */
  jpeg: z.string(),
  /**
   * How far clockwise the station turns the picture to show the citizen upright (a camera mounted
   * on its side, from the settings); the guide is of the picture so turned.
   */
  turn: QuarterTurns,
  /** The latest guide (made at up to the detector's pace, about 15 a second). */
  guide: LiveGuide.nullable(),
  /** How old the guide is, in frames. */
  guideAge: z.number().int(),
});
export type CameraFrame = z.infer<typeof CameraFrame>;

export const CameraState = z.strictObject({
  state: z.enum(['ready', 'live', 'capturing', 'reconnecting']),
  name: z.string(),
  simulated: z.boolean(),
  /** What staff should know or do (the camera went away …); null when all is well. */
  problem: Text.nullable(),
  /** A standing fact for staff while all is well (photos have been on the camera's card: format it at the end); null: none. */
  note: Text.nullable(),
  /** No tethered camera and the webcam fallback is on: the station frames and shoots with its webcam. */
  webcam: z.boolean(),
  /** The webcam fallback as the lead set it (used only where no tethered camera was found at start-up). */
  webcamAllowed: z.boolean(),
  /** How far clockwise the camera's pictures are turned to stand upright: how it is mounted (the settings). */
  turn: QuarterTurns,
});
export type CameraState = z.infer<typeof CameraState>;

export const Paper = z.enum(['L', 'KG', '2L']);
export type Paper = z.infer<typeof Paper>;

export const PhotoReview = z.strictObject({
  /** Counts the shots of this visit (a retake is the next one). */
  shot: z.number().int(),
  ok: z.boolean(),
  faces: z.number().int(),
  checks: z.array(PhotoCheck),
  /** The 35×45 photo as it will print, JPEG base64 (about 413×531); null when no face was found. */
  photo: z.string().nullable(),
  /** leftOff: photos the printer's correction pushed past the paper's edge (see sheet.ts). */
  sheet: z.strictObject({ paper: Paper, photos: z.number().int(), leftOff: z.number().int(), preview: z.string() }).nullable(),
  online: z.strictObject({ width: z.number().int(), height: z.number().int(), bytes: z.number().int() }).nullable(),
  onlineProblem: Text.nullable(),
  crownMethod: z.enum(['backdrop', 'estimate']).nullable(),
  /** Clockwise degrees the picture was turned: by the pipeline to stand a face lying sideways upright (an infant on a sheet), and by staff; 0 almost always. */
  turned: QuarterTurns,
  /** Staff turned it (photo.turn), rather than the pipeline alone. */
  turnedByStaff: z.boolean(),
  /** The citizen (or staff) chose this shot. */
  accepted: z.boolean(),
  ms: z.number().int(),
});
export type PhotoReview = z.infer<typeof PhotoReview>;

export const PrintStatus = z.strictObject({
  jobId: z.string(),
  what: z.enum(['sheet', 'calibration']),
  state: z.enum(['queued', 'printing', 'done', 'error']),
  /** Out of paper, ribbon, offline …, in words for staff; null when all is well. */
  problem: Text.nullable(),
  paper: Paper,
  simulated: z.boolean(),
});
export type PrintStatus = z.infer<typeof PrintStatus>;

/** What staff measured on the printed calibration sheet, in mm. */
export const CalibrationMeasurement = z.strictObject({
  /** The rulers as printed (100 mm where the paper allows; the sheet says how long each is). */
  rulerXMm: z.number().min(40).max(120),
  rulerYMm: z.number().min(40).max(120),
  /** The box's left and top edges, from the paper's left and top edges (printed at 10 mm). */
  boxLeftMm: z.number().min(0).max(30),
  boxTopMm: z.number().min(0).max(30),
});
export type CalibrationMeasurement = z.infer<typeof CalibrationMeasurement>;

export const PrinterCalibrationState = z.strictObject({
  printer: z.string(),
  simulated: z.boolean(),
  /** The paper the sheet is printed on (the settings' photo paper): it decides how long the rulers are. */
  paper: Paper,
  /** What each measurement is on a true print of that sheet. */
  design: CalibrationMeasurement,
  dpi: z.number().int(),
  /** Where the resolution comes from: the settings file, the printer's driver, or 300 as standard. */
  dpiFrom: z.enum(['settings', 'driver', 'standard']),
  scaleX: z.number(),
  scaleY: z.number(),
  offsetXMm: z.number(),
  offsetYMm: z.number(),
  measuredAt: z.string().nullable(),
  /** The paper the correction was measured on (another paper may feed differently); null: never. */
  measuredOn: Paper.nullable(),
  /** How many photos a sheet on this paper holds with this correction, and how many it pushes off the page. */
  sheet: z.strictObject({ photos: z.number().int(), leftOff: z.number().int() }),
  /**
   * Right after a measurement: the largest difference, in mm, between what staff measured and what
   * the sheet should measure (a check print that shows none needs no further round); null otherwise.
   */
  measuredOffMm: z.number().nullable(),
  /** Every paper this printer has its own correction for, the latest measured first. */
  measured: z.array(z.strictObject({ paper: Paper, measuredAt: z.string().nullable() })),
});
export type PrinterCalibrationState = z.infer<typeof PrinterCalibrationState>;


/** The photo's rules and paper, as the lead sees and changes them in the settings area. */
export const PhotoSettings = z.strictObject({
  rules: PhotoRules,
  paper: Paper,
});
export type PhotoSettings = z.infer<typeof PhotoSettings>;

export const PhotoSettingsView = z.strictObject({
  current: PhotoSettings,
  /** What a new device starts with (spec/photo.md). */
  defaults: PhotoSettings,
  /** Rules whose figures spec/photo.md marks unconfirmed. */
  unconfirmed: z.array(z.string()),
});
export type PhotoSettingsView = z.infer<typeof PhotoSettingsView>;

// ---- the online application (⑤) ------------------------------------------------------------

export const OnlineState = z.strictObject({
  /** The 申請書ID as staff see it: its last four digits only. */
  id: z.string(),
  source: z.enum(['scanner', 'typed', 'camera']),
  /** The host the window would open (never the full address: it carries the ID). */
  host: z.string().nullable(),
  /** The visit's online photo file, handed to the application's upload field. */
  photo: z.strictObject({ width: z.number().int(), height: z.number().int(), bytes: z.number().int() }).nullable(),
  window: z.enum(['closed', 'open', 'unavailable']),
  /** Why it cannot open (no allowed host set, no Electron …), for staff; null when it can. */
  problem: Text.nullable(),
});
export type OnlineState = z.infer<typeof OnlineState>;

// ---- ⑥ guides ------------------------------------------------------------------------------

export const GuideIdSchema = z.enum(['mynaPoint', 'vaccineCert']);

/** The citizen is typing a card PIN (on their phone or the official terminal): staff look away. */
export const PinPrivacy = z.strictObject({ on: z.boolean(), guide: GuideIdSchema.nullable() });
export type PinPrivacy = z.infer<typeof PinPrivacy>;

// ---- the calls ----------------------------------------------------------------------------

export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly windows: readonly WindowRole[];
  /** Payload size limit in bytes (UTF-8 JSON); the default suits small forms. */
  readonly maxBytes?: number;
}

function call<I extends z.ZodType, O extends z.ZodType>(def: CallDef<I, O>): CallDef<I, O> {
  return def;
}

export const DEFAULT_MAX_BYTES = 64 * 1024;

export const calls = {
  'app.status': call({ input: Empty, output: AppStatus, windows: ['console', 'station'] }),
  /** The page blocked something its Content-Security-Policy forbids: logged (directive and origin only). */
  'app.cspViolation': call({ input: z.strictObject({ directive: z.string().max(100), blocked: z.string().max(200) }), output: z.null(), windows: ['console', 'station'], maxBytes: 1024 }),
  'doctor.run': call({
    input: z.strictObject({ lang: Lang.optional() }),
    output: DoctorReport,
    windows: ['console'],
  }),
  'store.status': call({ input: Empty, output: StoreStatus, windows: ['console'] }),
  'store.unlock': call({ input: StoreUnlockInput, output: StoreStatus, windows: ['console'], maxBytes: 2048 }),
  'staff.list': call({ input: Empty, output: z.array(StaffMember), windows: ['console'] }),
  'staff.add': call({ input: StaffAddInput, output: StaffMember, windows: ['console'] }),
  'session.get': call({ input: Empty, output: ConsoleSession.nullable(), windows: ['console'] }),
  'session.signIn': call({ input: z.strictObject({ staffId: z.number().int().positive(), pin: z.string().max(16) }), output: ConsoleSession, windows: ['console'] }),
  'session.signOut': call({ input: z.strictObject({ reason: z.enum(['user', 'idle']).default('user') }), output: z.null(), windows: ['console'] }),
  'staff.training': call({ input: z.strictObject({ staffId: z.number().int().positive().optional() }), output: z.array(TrainingRecord), windows: ['console'] }),
  'staff.recordTraining': call({ input: TrainingInput, output: StaffMember, windows: ['console'] }),
  'season.venues': call({ input: Empty, output: z.array(Venue), windows: ['console'] }),
  'season.saveVenue': call({ input: VenueInput, output: Venue, windows: ['console'] }),
  'season.events': call({ input: Empty, output: z.array(BoothEvent), windows: ['console'] }),
  'season.saveEvent': call({ input: EventInput, output: BoothEvent, windows: ['console'] }),
  'season.setDuties': call({ input: z.strictObject({ eventId: z.number().int().positive(), duties: z.array(EventDuty).max(200) }), output: BoothEvent, windows: ['console'] }),
  'report.span': call({ input: Empty, output: z.strictObject({ from: z.string(), to: z.string() }).nullable(), windows: ['console'] }),
  'report.opinions': call({ input: Period, output: z.array(ReportOpinion), windows: ['console'] }),
  'report.confirmOpinion': call({ input: z.strictObject({ source: z.enum(['survey', 'inquiry']), id: z.number().int().positive(), text: z.string().max(2000), exclude: z.boolean() }), output: ReportOpinion, windows: ['console'], maxBytes: 16_384 }),
  'report.make': call({ input: z.strictObject({ kind: z.enum(['weekly', 'final']), period: Period.optional(), outDir: z.string().min(1).max(1024).optional() }), output: MadeReport, windows: ['console'] }),
  'plan.get': call({ input: z.strictObject({ hours: z.number().int().min(1).max(10_000) }), output: PlanView, windows: ['console'] }),
  'documents.list': call({ input: Empty, output: z.array(DocumentStatus), windows: ['console'] }),
  'documents.make': call({ input: z.strictObject({ kind: DocumentKind, eventId: z.number().int().positive().optional(), outDir: z.string().min(1).max(1024).optional() }), output: DocumentStatus, windows: ['console'] }),
  'documents.submitted': call({ input: z.strictObject({ id: z.number().int().positive() }), output: z.array(DocumentStatus), windows: ['console'] }),
  'plan.previewIssuance': call({ input: z.strictObject({ csv: Base64, mapping: IssuanceMapping.optional() }), output: IssuancePreview, windows: ['console'], maxBytes: 8_100_000 }),
  'plan.importIssuance': call({ input: z.strictObject({ csv: Base64, mapping: IssuanceMapping.optional(), asOf: z.iso.date() }), output: IssuancePreview, windows: ['console'], maxBytes: 8_100_000 }),
  'device.identity': call({ input: Empty, output: z.strictObject({ deviceId: z.string(), fingerprint: z.string() }), windows: ['console'] }),
  'bundle.export': call({ input: z.strictObject({ outDir: z.string().min(1).max(1024).optional() }), output: z.strictObject({ file: z.string(), days: z.number().int(), opinions: z.number().int(), incentives: z.number().int() }), windows: ['console'] }),
  'bundle.import': call({ input: z.strictObject({ name: z.string().max(255), content: Base64, trust: z.string().max(100).optional() }), output: BundleImportResult, windows: ['console'], maxBytes: 8_100_000 }),
  'day.get': call({ input: Empty, output: DayState.nullable(), windows: ['console'] }),
  'day.open': call({ input: DayOpenInput, output: DayState, windows: ['console'] }),
  'day.close': call({ input: Empty, output: DaySummary, windows: ['console'] }),
  'visit.get': call({ input: Empty, output: VisitState, windows: ['console'] }),
  'visit.start': call({ input: z.strictObject({ ticketNumber: z.number().int().positive().optional() }), output: Visit, windows: ['console'] }),
  'visit.record': call({ input: VisitRecord, output: VisitState, windows: ['console'] }),
  /** Refused while the citizen's sheet prints, unless `cancelPrint` (the wipe cancels the job). */
  'visit.end': call({ input: z.strictObject({ cancelPrint: z.boolean().optional() }), output: SessionWipeSummary, windows: ['console'] }),
  'visit.recheckCamera': call({ input: Empty, output: VisitState, windows: ['console'] }),
  'queue.get': call({ input: Empty, output: QueueState, windows: ['console'] }),
  'queue.issue': call({ input: Empty, output: IssuedTicket, windows: ['console'] }),
  'queue.callNext': call({ input: z.strictObject({ counter: z.number().int().min(1).max(20) }), output: QueueState, windows: ['console'] }),
  'queue.recall': call({ input: z.strictObject({ counter: z.number().int().min(1).max(20) }), output: QueueState, windows: ['console'] }),
  'queue.skip': call({ input: z.strictObject({ number: z.number().int().positive() }), output: QueueState, windows: ['console'] }),
  'incentive.today': call({ input: Empty, output: IncentiveDay, windows: ['console'] }),
  'incentive.pay': call({ input: IncentivePayInput, output: IncentiveResult, windows: ['console'], maxBytes: 2048 }),
  'survey.submit': call({ input: SurveyAnswerInput, output: z.strictObject({ id: z.number().int() }), windows: ['console', 'station'], maxBytes: 4096 }),
  'inquiry.add': call({ input: InquiryInput, output: z.strictObject({ id: z.number().int() }), windows: ['console'], maxBytes: 8192 }),
  'wipe.all': call({ input: WipeAllInput, output: WipeAllResult, windows: ['console'], maxBytes: 4096 }),
  'station.get': call({ input: Empty, output: StationState, windows: ['console', 'station'] }),
  'camera.snapshot': call({ input: Empty, output: CameraSnapshot, windows: ['console'] }),
  'ticketPrinter.testPrint': call({ input: Empty, output: TicketTestPrint, windows: ['console'] }),
  'camera.state': call({ input: Empty, output: CameraState, windows: ['console', 'station'] }),
  /** Live view on or off for this window (frames arrive as camera.frame events). */
  'camera.live': call({ input: z.strictObject({ on: z.boolean() }), output: CameraState, windows: ['console', 'station'] }),
  /** The lead says how the camera is mounted (on its side: 90 or 270); the live view and the next still use it at once. */
  'camera.setTurn': call({ input: z.strictObject({ turn: QuarterTurns }), output: CameraState, windows: ['console'] }),
  /** The lead lets the station use its webcam where no tethered camera was found (a Windows booth, a day without the camera). */
  'camera.setWebcam': call({ input: z.strictObject({ on: z.boolean() }), output: CameraState, windows: ['console'] }),
  /** The station says whether its webcam gives a picture (none: staff are told on the console). */
  'camera.webcamSeen': call({ input: z.strictObject({ seen: z.boolean() }), output: z.null(), windows: ['station'] }),
  /** Staff plugged the lost camera back in or woke it: look for it now, not at the end of the backoff. */
  'camera.reconnect': call({ input: Empty, output: CameraState, windows: ['console'] }),
  'photo.capture': call({ input: Empty, output: PhotoReview, windows: ['console', 'station'] }),
  /** Webcam fallback: the guide for a small frame from the station's webcam (JPEG, base64). */
  'photo.guide': call({ input: z.strictObject({ jpeg: z.string().min(100).max(800_000) }), output: LiveGuide, windows: ['station'], maxBytes: 820_000 }),
  /** Webcam fallback: the still, grabbed from the webcam at full resolution (JPEG, base64). */
  'photo.captureFrame': call({ input: z.strictObject({ jpeg: z.string().min(100).max(16_000_000) }), output: PhotoReview, windows: ['station'], maxBytes: 16_100_000 }),
  'photo.get': call({ input: Empty, output: PhotoReview.nullable(), windows: ['console', 'station'] }),
  'photo.retake': call({ input: Empty, output: z.null(), windows: ['console', 'station'] }),
  /** Staff turn the shot clockwise as they see it (an upside-down face the pipeline did not recognise, or turned wrongly) and it is judged again, the pipeline turning nothing more. */
  'photo.turn': call({ input: z.strictObject({ degrees: z.union([z.literal(90), z.literal(180), z.literal(270)]) }), output: PhotoReview, windows: ['console'] }),
  'photo.accept': call({ input: Empty, output: PhotoReview, windows: ['console', 'station'] }),
  /** Prints the accepted shot's sheet. Staff may print a shot that fails a check (override). */
  'photo.print': call({ input: z.strictObject({ override: z.boolean().default(false), spoolConfirmed: z.boolean().default(false) }), output: PrintStatus, windows: ['console', 'station'] }),
  'photo.printStatus': call({ input: Empty, output: PrintStatus.nullable(), windows: ['console', 'station'] }),
  /** A 申請書ID from the scanner (keyboard mode) or typed: validated, held for the visit only. */
  'online.begin': call({ input: z.strictObject({ text: z.string().max(2048), source: z.enum(['scanner', 'typed']) }), output: OnlineState, windows: ['console'], maxBytes: 4096 }),
  /** Reads the form's QR code with the camera. */
  'online.scanCamera': call({ input: Empty, output: OnlineState, windows: ['console'] }),
  'online.get': call({ input: Empty, output: OnlineState.nullable(), windows: ['console'] }),
  /** Opens the isolated online-application window with the ID and the visit's photo. */
  'online.open': call({ input: Empty, output: OnlineState, windows: ['console'] }),
  /** Forgets the ID (and closes the window) before the visit ends. */
  'online.clear': call({ input: Empty, output: z.null(), windows: ['console'] }),
  /** Staff turn the look-away screen on or off at the station (the app never takes the PIN). */
  'guide.pinPrivacy': call({ input: z.strictObject({ on: z.boolean(), guide: GuideIdSchema }), output: PinPrivacy, windows: ['console'] }),
  /** The citizen says they have finished typing their PIN. */
  'guide.pinDone': call({ input: Empty, output: PinPrivacy, windows: ['station'] }),
  'printer.calibration': call({ input: Empty, output: PrinterCalibrationState, windows: ['console'] }),
  'printer.printCalibrationSheet': call({ input: Empty, output: PrintStatus, windows: ['console'] }),
  'printer.calibrate': call({ input: CalibrationMeasurement, output: PrinterCalibrationState, windows: ['console'] }),
  'settings.photo': call({ input: Empty, output: PhotoSettingsView, windows: ['console'] }),
  'settings.savePhoto': call({ input: PhotoSettings, output: PhotoSettingsView, windows: ['console'] }),
} as const satisfies Record<string, CallDef>;

export type Calls = typeof calls;
export type Method = keyof Calls;
export type CallInput<M extends Method> = z.input<Calls[M]['input']>;
export type CallParsed<M extends Method> = z.output<Calls[M]['input']>;
export type CallOutput<M extends Method> = z.output<Calls[M]['output']>;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

// ---- the events (main → renderer) ---------------------------------------------------------

export interface EventDef<S extends z.ZodType = z.ZodType> {
  readonly payload: S;
  /** Which windows receive it: the station never hears console-only news (e.g. staff names). */
  readonly windows: readonly WindowRole[];
}

function event<S extends z.ZodType>(def: EventDef<S>): EventDef<S> {
  return def;
}

export const events = {
  'day.changed': event({ payload: DayState.nullable(), windows: ['console'] }),
  'store.changed': event({ payload: StoreStatus, windows: ['console'] }),
  'session.changed': event({ payload: ConsoleSession.nullable(), windows: ['console'] }),
  'staff.changed': event({ payload: z.array(StaffMember), windows: ['console'] }),
  'season.changed': event({ payload: z.strictObject({}), windows: ['console'] }),
  'queue.changed': event({ payload: QueueState, windows: ['console'] }),
  /** A number called again: the station shows it large once more. */
  'station.recall': event({ payload: z.strictObject({ number: z.number().int(), counter: z.number().int() }), windows: ['station'] }),
  'visit.changed': event({ payload: VisitState, windows: ['console'] }),
  /** The visit is over: the station clears its storage and starts afresh. */
  'station.reset': event({ payload: z.strictObject({}), windows: ['station'] }),
  'station.changed': event({ payload: StationState, windows: ['console', 'station'] }),
  'devices.changed': event({ payload: z.array(DeviceStatus), windows: ['console', 'station'] }),
  'camera.frame': event({ payload: CameraFrame, windows: ['station'] }),
  'camera.changed': event({ payload: CameraState, windows: ['console', 'station'] }),
  'photo.changed': event({ payload: PhotoReview.nullable(), windows: ['console', 'station'] }),
  'print.changed': event({ payload: PrintStatus, windows: ['console', 'station'] }),
  'pinPrivacy.changed': event({ payload: PinPrivacy, windows: ['console', 'station'] }),
  'online.changed': event({ payload: OnlineState.nullable(), windows: ['console'] }),
} as const satisfies Record<string, EventDef>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

// ---- the wire -----------------------------------------------------------------------------

export const CallResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: ErrorBody }),
]);
export type CallResult<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorBody };

/** What a WebSocket client sends. */
export const WireRequest = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  payload: z.unknown(),
});

/** What the WebSocket host sends back: a reply to one request, or an event. */
export type WireMessage =
  | ({ kind: 'reply'; id: number | null } & CallResult)
  | { kind: 'event'; name: EventName; payload: unknown };

/** The Electron IPC channel names, shared by shell and preload. */
export const IPC_CALL_CHANNEL = 'madoguchi:call';
export const IPC_EVENT_CHANNEL = 'madoguchi:event';

/** The one typed client both transports give the renderer. */
export interface MadoguchiClient {
  call<M extends Method>(method: M, input: CallInput<M>): Promise<CallOutput<M>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/**
 * The raw transport both sides implement: the preload over Electron IPC, and the WebSocket
 * client in the browser host. The renderer wraps it in one MadoguchiClient.
 */
export interface Bridge {
  call(method: string, payload: unknown): Promise<CallResult>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

/** Where the preload puts the bridge in the renderer's world. */
export const BRIDGE_GLOBAL = 'madoguchiBridge';
