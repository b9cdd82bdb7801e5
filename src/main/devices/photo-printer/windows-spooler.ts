// Photo printing through the Windows print spooler, driven by Windows PowerShell (5.1, in every
// Windows 10/11): .NET's PrintDocument draws the sheet's raster at its size in millimetres on the
// chosen paper, margins off, so a millimetre on the sheet is a millimetre on paper and the
// calibration holds; the PrintManagement cmdlets follow the job and purge it. The raster goes to
// PowerShell on stdin (the app writes no file), the scripts as -EncodedCommand and every value
// through the environment, so a printer name never becomes code.
//
// Written against Microsoft's documentation of PrintDocument, Win32_Printer, Get-PrintJob,
// Get-Printer and Remove-PrintJob; tested here against a stand-in for powershell.exe, never yet
// on Windows itself (our build machines are Linux).
import { randomBytes } from 'node:crypto';
import type { DeviceStatus } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import { text, type Text } from '../../../shared/text.js';
import { PAPER_MM } from '../../photo/sheet.js';
import type { Exec, ExecResult } from '../../system/exec.js';
import type { CupsProbe } from './cups.js';
import { believableDpi, NOTHING_TO_PURGE, noPaperSize, PRINT_NOT_STARTED, PRINT_STATE_UNKNOWN, PRINT_SYSTEM_SILENT, PRINTER_PROBLEM, PURGE_FAILED, type JobState, type PhotoPrinter, type PrintJob, type SheetMedia, type SpoolPurge } from './photo-printer.js';

/** Japanese printer and paper names come out intact only if PowerShell writes UTF-8. */
const PRELUDE = "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8\n$ErrorActionPreference = 'Stop'\n";

/** Every printer with its paper sizes (hundredths of an inch), default resolution, offline flag and "keep printed documents". */
export const PROBE_SCRIPT = `${PRELUDE}Add-Type -AssemblyName System.Drawing
$default = (Get-CimInstance -ClassName Win32_Printer -Filter 'Default=TRUE' | Select-Object -First 1).Name
$out = @()
foreach ($p in Get-CimInstance -ClassName Win32_Printer) {
  $s = New-Object System.Drawing.Printing.PrinterSettings
  $s.PrinterName = $p.Name
  $papers = @()
  $dpi = $null
  if ($s.IsValid) {
    foreach ($z in $s.PaperSizes) { $papers += @{ name = $z.PaperName; w = $z.Width; h = $z.Height } }
    # A resolution in dots per inch only where its kind is Custom (High, Draft … carry no figure);
    # a driver that cannot say (a network printer gone) costs the figure, not the whole list.
    try {
      $r = $s.DefaultPageSettings.PrinterResolution
      if ($r.Kind -eq 'Custom' -and $r.X -gt 0 -and $r.X -eq $r.Y) { $dpi = $r.X }
    } catch { $dpi = $null }
  }
  $out += @{ name = $p.Name; driver = [string]$p.DriverName; isDefault = ($p.Name -eq $default); offline = [bool]$p.WorkOffline; keepPrintedJobs = [bool]$p.KeepPrintedJobs; papers = $papers; dpi = $dpi }
}
ConvertTo-Json -InputObject @($out) -Depth 4 -Compress
`;

/**
 * Prints the PNG on stdin at MADOGUCHI_WIDTH_MM × MADOGUCHI_HEIGHT_MM from the paper's corner
 * (the hard margin stepped back), then names the job the spooler made, found by its title.
 */
export const PRINT_SCRIPT = `${PRELUDE}Add-Type -AssemblyName System.Drawing
$ms = New-Object System.IO.MemoryStream
[Console]::OpenStandardInput().CopyTo($ms)
$ms.Position = 0
$img = [System.Drawing.Image]::FromStream($ms)
$doc = New-Object System.Drawing.Printing.PrintDocument
$doc.PrinterSettings.PrinterName = $env:MADOGUCHI_PRINTER
if (-not $doc.PrinterSettings.IsValid) { [Console]::Error.WriteLine('printer not found'); exit 3 }
$paper = $doc.PrinterSettings.PaperSizes | Where-Object { $_.PaperName -eq $env:MADOGUCHI_PAPER } | Select-Object -First 1
if (-not $paper) { [Console]::Error.WriteLine('paper size not found'); exit 4 }
$doc.DocumentName = $env:MADOGUCHI_TITLE
$doc.PrintController = New-Object System.Drawing.Printing.StandardPrintController
$doc.DefaultPageSettings.PaperSize = $paper
$doc.DefaultPageSettings.Landscape = ($env:MADOGUCHI_LANDSCAPE -eq '1')
$doc.DefaultPageSettings.Margins = New-Object System.Drawing.Printing.Margins(0, 0, 0, 0)
$doc.OriginAtMargins = $false
$w = [single]$env:MADOGUCHI_WIDTH_MM
$h = [single]$env:MADOGUCHI_HEIGHT_MM
$doc.add_PrintPage({
  param($src, $e)
  $e.Graphics.PageUnit = [System.Drawing.GraphicsUnit]::Millimeter
  $e.Graphics.InterpolationMode = [System.Drawing.Drawing2D.InterpolationMode]::HighQualityBicubic
  $x = [single](-$e.PageSettings.HardMarginX * 0.254)
  $y = [single](-$e.PageSettings.HardMarginY * 0.254)
  $e.Graphics.DrawImage($img, $x, $y, $w, $h)
  $e.HasMorePages = $false
})
$doc.Print()
$img.Dispose()
$ms.SetLength(0)
$job = Get-PrintJob -PrinterName $env:MADOGUCHI_PRINTER | Where-Object { $_.DocumentName -eq $env:MADOGUCHI_TITLE } | Sort-Object Id -Descending | Select-Object -First 1
if ($job) { Write-Output ('job ' + $job.Id) } else { Write-Output 'job gone' }
`;

/** The job's status flags (null once it left the queue) and the printer's status. */
export const STATE_SCRIPT = `${PRELUDE}$job = Get-PrintJob -PrinterName $env:MADOGUCHI_PRINTER -ErrorAction SilentlyContinue | Where-Object { $_.Id -eq [int]$env:MADOGUCHI_JOB } | Select-Object -First 1
$printer = Get-Printer -Name $env:MADOGUCHI_PRINTER
$js = $null
if ($job) { $js = [string]$job.JobStatus }
ConvertTo-Json -Compress -InputObject @{ job = $js; printer = [string]$printer.PrinterStatus }
`;

/**
 * Removes the jobs (and, where documents are kept after printing, what was kept), then counts
 * those the spooler still lists: a removal it refused is reported, never taken as done.
 */
export const PURGE_SCRIPT = `${PRELUDE}$ids = $env:MADOGUCHI_JOBS.Split(',') | ForEach-Object { [int]$_ }
foreach ($id in $ids) {
  Remove-PrintJob -PrinterName $env:MADOGUCHI_PRINTER -ID $id -ErrorAction SilentlyContinue
}
$left = @(Get-PrintJob -PrinterName $env:MADOGUCHI_PRINTER -ErrorAction SilentlyContinue | Where-Object { $ids -contains $_.Id })
Write-Output ('kept ' + $left.Count)
`;

/** Whether the printer keeps documents after printing ("keep printed documents"). */
export const KEEPS_SCRIPT = `${PRELUDE}$p = Get-CimInstance -ClassName Win32_Printer | Where-Object { $_.Name -eq $env:MADOGUCHI_PRINTER } | Select-Object -First 1
if ($p -and $p.KeepPrintedJobs) { Write-Output 'keeps' } else { Write-Output 'clean' }
`;

/** Runs a script in Windows PowerShell: as -EncodedCommand, values in the environment, bytes on stdin. */
export function powershell(exec: Exec, script: string, env: Record<string, string>, o: { timeoutMs: number; input?: Uint8Array }): Promise<ExecResult> {
  const encoded = Buffer.from(script, 'utf16le').toString('base64');
  return exec('powershell.exe', ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded], {
    timeoutMs: o.timeoutMs,
    ...(o.input ? { input: o.input } : {}),
    env: { ...process.env, ...env },
  });
}

export interface WindowsPaper {
  name: string;
  /** Hundredths of an inch, as .NET gives them. */
  w: number;
  h: number;
}

export interface WindowsPrinter {
  name: string;
  driver: string;
  isDefault: boolean;
  offline: boolean;
  keepPrintedJobs: boolean;
  papers: WindowsPaper[];
  /** The driver's default resolution in dpi; null where it gives none (or not square). */
  dpi: number | null;
}

/** Which paper sizes of a printer are the booth's sheets: by their size (within 1.5 mm), whatever the driver calls them. */
export function windowsMedia(papers: readonly WindowsPaper[]): Partial<Record<SheetMedia, string>> {
  const media: Partial<Record<SheetMedia, string>> = {};
  for (const size of Object.keys(PAPER_MM) as SheetMedia[]) {
    const want = PAPER_MM[size];
    const found = papers.find((p) => {
      const w = p.w * 0.254;
      const h = p.h * 0.254;
      const fits = (a: number, b: number) => Math.abs(a - want.width) <= 1.5 && Math.abs(b - want.height) <= 1.5;
      return fits(w, h) || fits(h, w);
    });
    if (found) media[size] = found.name;
  }
  return media;
}

export function parseWindowsPrinters(json: string): WindowsPrinter[] {
  const raw = JSON.parse(json) as unknown;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list
    .filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null && typeof (p as { name?: unknown }).name === 'string')
    .map((p) => {
      const papers = Array.isArray(p.papers) ? p.papers : p.papers ? [p.papers] : [];
      return {
        name: p.name as string,
        driver: typeof p.driver === 'string' ? p.driver : '',
        isDefault: p.isDefault === true,
        offline: p.offline === true,
        keepPrintedJobs: p.keepPrintedJobs === true,
        dpi: believableDpi(p.dpi),
        papers: papers
          .filter((z): z is Record<string, unknown> => typeof z === 'object' && z !== null)
          .map((z) => ({ name: typeof z.name === 'string' ? z.name : '', w: Number(z.w), h: Number(z.h) }))
          .filter((z) => z.name !== '' && Number.isFinite(z.w) && Number.isFinite(z.h)),
      };
    });
}

export type WindowsProbe = { ok: true; printers: WindowsPrinter[] } | { ok: false; reason: 'not_installed' | 'error'; detail: string };

export async function probeWindowsPrinters(exec: Exec): Promise<WindowsProbe> {
  const r = await powershell(exec, PROBE_SCRIPT, {}, { timeoutMs: 20000 });
  if (r.notFound) return { ok: false, reason: 'not_installed', detail: 'powershell.exe not found' };
  if (r.timedOut || r.code !== 0) return { ok: false, reason: 'error', detail: (r.stderr.trim().split('\n')[0] ?? '') || `exit ${r.code}` };
  try {
    return { ok: true, printers: parseWindowsPrinters(r.stdout.toString('utf8').trim() || '[]') };
  } catch (err) {
    return { ok: false, reason: 'error', detail: (err as Error).message };
  }
}

/** The spooler's probe in the shape the rest of the app reads for any print system. */
export function asPrintSystemProbe(p: WindowsProbe): CupsProbe {
  if (!p.ok) return { ok: false, reason: p.reason === 'not_installed' ? 'not_installed' : 'error', detail: p.detail };
  return { ok: true, defaultQueue: p.printers.find((x) => x.isDefault)?.name ?? null, queues: p.printers.map((x) => ({ name: x.name, enabled: !x.offline, idle: true })) };
}

const has = (flags: string, ...names: string[]) => names.some((n) => new RegExp(`(^|[ ,])${n}($|[ ,])`, 'i').test(flags));

/** What the spooler's status flags (a job's, a printer's) say is wrong, in words for staff. */
export function spoolerProblem(flags: string): Text | null {
  if (has(flags, 'PaperOut', 'PaperProblem', 'ManualFeed')) return PRINTER_PROBLEM.paperOut;
  if (has(flags, 'PaperJam')) return PRINTER_PROBLEM.jam;
  if (has(flags, 'NoToner')) return PRINTER_PROBLEM.ribbon;
  if (has(flags, 'DoorOpen')) return PRINTER_PROBLEM.cover;
  if (has(flags, 'Offline', 'NotAvailable', 'ServerUnknown')) return PRINTER_PROBLEM.offline;
  if (has(flags, 'Paused')) return PRINTER_PROBLEM.paused;
  if (has(flags, 'Error', 'UserIntervention', 'Blocked', 'OutputBinFull')) return PRINTER_PROBLEM.error;
  return null;
}

export class WindowsSpoolerPhotoPrinter implements PhotoPrinter {
  readonly simulated = false;

  constructor(
    private readonly exec: Exec,
    private readonly printer: string,
    private readonly media: Partial<Record<SheetMedia, string>>,
    /** The driver's default resolution; null: it gives none. */
    readonly nativeDpi: number | null = null,
  ) {}

  status(): DeviceStatus {
    return { kind: 'photoPrinter', simulated: false, name: this.printer, state: 'ready', outputDir: null };
  }

  async print(job: PrintJob): Promise<{ jobId: string }> {
    const paper = this.media[job.media];
    if (!paper) throw new AppError('unavailable', noPaperSize(this.printer, job.media));
    if (!job.raster) throw new AppError('internal', text('印刷する画像がありません。', 'There is no picture to print.'));
    // A title of our own that no other job has, so the job can be found again; nothing personal.
    const title = `${job.title} ${randomBytes(4).toString('hex')}`;
    const r = await powershell(
      this.exec,
      PRINT_SCRIPT,
      {
        MADOGUCHI_PRINTER: this.printer,
        MADOGUCHI_PAPER: paper,
        MADOGUCHI_TITLE: title,
        MADOGUCHI_LANDSCAPE: job.raster.landscape ? '1' : '0',
        MADOGUCHI_WIDTH_MM: String(job.raster.widthMm),
        MADOGUCHI_HEIGHT_MM: String(job.raster.heightMm),
      },
      { timeoutMs: 60000, input: job.raster.png },
    );
    const m = /^job (\d+|gone)\s*$/m.exec(r.stdout.toString('utf8'));
    if (r.code !== 0 || !m) throw new AppError('unavailable', PRINT_NOT_STARTED);
    // A job that already left the queue printed (or was handed to the printer) at once.
    return { jobId: m[1] === 'gone' ? `${this.printer}#done` : `${this.printer}#${m[1]}` };
  }

  private jobNumber(jobId: string): number | null {
    const m = /#(\d+)$/.exec(jobId);
    return jobId.startsWith(`${this.printer}#`) && m ? Number(m[1]) : null;
  }

  async jobState(jobId: string): Promise<JobState> {
    const n = this.jobNumber(jobId);
    if (n === null) return { state: 'done', problem: null };
    const r = await powershell(this.exec, STATE_SCRIPT, { MADOGUCHI_PRINTER: this.printer, MADOGUCHI_JOB: String(n) }, { timeoutMs: 15000 });
    if (r.timedOut || r.code !== 0) return { state: 'error', problem: PRINT_SYSTEM_SILENT };
    let st: { job?: string | null; printer?: string };
    try {
      st = JSON.parse(r.stdout.toString('utf8').trim()) as typeof st;
    } catch {
      return { state: 'error', problem: PRINT_STATE_UNKNOWN };
    }
    const flags = st.job ?? null;
    // Gone from the queue, or kept there after printing ("keep printed documents").
    if (flags === null || has(flags, 'Printed', 'Complete', 'Deleted', 'Deleting')) return { state: 'done', problem: null };
    const problem = spoolerProblem(flags) ?? spoolerProblem(st.printer ?? '');
    if (problem) return { state: 'error', problem };
    return { state: has(flags, 'Printing') ? 'printing' : 'queued', problem: null };
  }

  /** True when the spooler keeps printed documents, or cannot say (then the lead decides). */
  async keepsPrintedJobs(): Promise<boolean> {
    const r = await powershell(this.exec, KEEPS_SCRIPT, { MADOGUCHI_PRINTER: this.printer }, { timeoutMs: 15000 });
    return r.code !== 0 || r.stdout.toString('utf8').trim() !== 'clean';
  }

  async purge(jobIds: readonly string[]): Promise<SpoolPurge> {
    const ids = [...new Set(jobIds.map((id) => this.jobNumber(id)).filter((n): n is number => n !== null))];
    if (ids.length === 0) return NOTHING_TO_PURGE;
    const r = await powershell(this.exec, PURGE_SCRIPT, { MADOGUCHI_PRINTER: this.printer, MADOGUCHI_JOBS: ids.join(',') }, { timeoutMs: 20000 });
    const m = /kept (\d+)/.exec(r.stdout.toString('utf8'));
    if (r.code !== 0 || !m) throw new AppError('unavailable', PURGE_FAILED);
    const kept = Math.min(ids.length, Number(m[1]));
    return { gone: ids.length - kept, kept };
  }
}
