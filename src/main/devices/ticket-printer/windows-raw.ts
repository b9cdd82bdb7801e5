// A receipt printer on Windows, installed as a Windows printer (EPSON TM, Star TSP …): the ESC/POS
// bytes go to the spooler as a RAW document, untouched by the driver, through winspool's
// OpenPrinter / StartDocPrinter / WritePrinter called from Windows PowerShell. The bytes travel on
// stdin and the printer's name in the environment, never inside the script.
//
// Written against the Win32 printing API's documentation; tested here against a stand-in for
// powershell.exe, never yet on Windows itself.
import type { DeviceStatus } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import { powershell } from '../photo-printer/windows-spooler.js';
import type { Exec } from '../../system/exec.js';
import { TICKET_PRINTER_UNREACHABLE, type TicketPrinter } from './ticket-printer.js';
import { looksLikeReceiptPrinter } from './usblp.js';

export const RAW_SCRIPT = `$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class MadoguchiRaw {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DOCINFO { public string pDocName; public string pOutputFile; public string pDataType; }
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)]
  static extern bool OpenPrinter(string name, out IntPtr handle, IntPtr defaults);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool ClosePrinter(IntPtr handle);
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)]
  static extern int StartDocPrinter(IntPtr handle, int level, [In] DOCINFO info);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool EndDocPrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool StartPagePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool EndPagePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool WritePrinter(IntPtr handle, byte[] bytes, int count, out int written);
  public static int Send(string printer, byte[] bytes) {
    IntPtr h;
    if (!OpenPrinter(printer, out h, IntPtr.Zero)) return Marshal.GetLastWin32Error();
    try {
      DOCINFO info = new DOCINFO();
      info.pDocName = "madoguchi ticket";
      info.pDataType = "RAW";
      if (StartDocPrinter(h, 1, info) == 0) return Marshal.GetLastWin32Error();
      try {
        if (!StartPagePrinter(h)) return Marshal.GetLastWin32Error();
        int written;
        bool ok = WritePrinter(h, bytes, bytes.Length, out written);
        EndPagePrinter(h);
        if (!ok || written != bytes.Length) return Marshal.GetLastWin32Error();
      } finally { EndDocPrinter(h); }
      return 0;
    } finally { ClosePrinter(h); }
  }
}
'@
$ms = New-Object System.IO.MemoryStream
[Console]::OpenStandardInput().CopyTo($ms)
$code = [MadoguchiRaw]::Send($env:MADOGUCHI_PRINTER, $ms.ToArray())
if ($code -ne 0) { [Console]::Error.WriteLine('winspool error ' + $code); exit 5 }
Write-Output 'sent'
`;

/** A Windows printer that looks like a receipt printer by its name or driver (EPSON TM-, Star TSP …). */
export function looksLikeWindowsReceiptPrinter(name: string, driver: string): boolean {
  const model = (s: string) => s.replace(/^(EPSON|Star|SEIKO|Citizen|BIXOLON|Sewoo)\s+/i, '');
  return (
    looksLikeReceiptPrinter({ mfg: '', mdl: model(name), cmd: '' }) ||
    looksLikeReceiptPrinter({ mfg: '', mdl: model(driver), cmd: '' }) ||
    /receipt|レシート|ESC\/?POS/i.test(`${name} ${driver}`)
  );
}

export class WindowsRawTicketPrinter implements TicketPrinter {
  readonly simulated = false;

  constructor(
    private readonly exec: Exec,
    private readonly printer: string,
    private readonly model: string,
    private readonly timeoutMs = 15000,
  ) {}

  status(): DeviceStatus {
    return { kind: 'ticketPrinter', simulated: false, name: this.model && this.model !== this.printer ? `${this.printer} (${this.model})` : this.printer, state: 'ready', outputDir: null };
  }

  async print(bytes: Uint8Array): Promise<{ preview: string | null }> {
    const r = await powershell(this.exec, RAW_SCRIPT, { MADOGUCHI_PRINTER: this.printer }, { timeoutMs: this.timeoutMs, input: bytes });
    if (r.code !== 0 || r.stdout.toString('utf8').trim() !== 'sent') {
      throw new AppError('unavailable', TICKET_PRINTER_UNREACHABLE);
    }
    return { preview: null };
  }
}
