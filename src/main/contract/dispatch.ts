// The main side of the contract: one function both transports call. It checks, in order, that the
// method exists, that this window may call it, that the payload is within the call's size limit
// and matches its schema, and only then calls the service. Whatever goes wrong comes back as a
// typed error; nothing thrown here reaches the transport.
import type { z } from 'zod';
import {
  calls,
  DEFAULT_MAX_BYTES,
  isMethod,
  type CallOutput,
  type CallParsed,
  type CallResult,
  type Method,
  type WindowRole,
} from '../../shared/contract.js';
import { text } from '../../shared/text.js';
import { AppError, standardMessages, type ErrorBody, type ErrorIssue } from '../../shared/errors.js';
import { errorOrigin, type Logger } from '../log.js';
import { exceedsSize } from './payload-size.js';

export interface CallContext {
  /** Which window made the call, as the transport established it (token or frame URL). */
  readonly window: WindowRole;
}

export type Handlers = {
  [M in Method]: (input: CallParsed<M>, ctx: CallContext) => Promise<CallOutput<M>> | CallOutput<M>;
};

export type Dispatch = (method: unknown, payload: unknown, ctx: CallContext) => Promise<CallResult>;

function fail(code: ErrorBody['code'], issues?: ErrorIssue[]): CallResult {
  const message = standardMessages[code as keyof typeof standardMessages] ?? standardMessages.internal;
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

function zodIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.slice(0, 20).map((i) => ({
    path: i.path.map(String).join('.') || '(payload)',
    // zod's messages describe the expected shape ("Expected string, received number"), never
    // echo the value, so they are safe to return and help a developer fix the caller.
    message: i.message,
  }));
}

export function createDispatch(handlers: Handlers, log: Logger): Dispatch {
  return async (method, payload, ctx) => {
    if (!isMethod(method)) {
      log.warn('contract.unknown_method', { window: ctx.window });
      return fail('unknown_method');
    }
    const def = calls[method];
    if (!def.windows.includes(ctx.window)) {
      log.warn('contract.forbidden', { method, window: ctx.window });
      return fail('forbidden');
    }
    if (exceedsSize(payload, def.maxBytes ?? DEFAULT_MAX_BYTES)) {
      log.warn('contract.too_large', { method, window: ctx.window });
      return fail('too_large');
    }
    const parsed = def.input.safeParse(payload === undefined ? {} : payload);
    if (!parsed.success) {
      log.warn('contract.bad_request', { method, window: ctx.window, issues: parsed.error.issues.length });
      return fail('bad_request', zodIssues(parsed.error));
    }
    const started = performance.now();
    try {
      const handler = handlers[method] as (input: unknown, ctx: CallContext) => unknown;
      const result = await handler(parsed.data, ctx);
      const checked = def.output.safeParse(result);
      if (!checked.success) {
        // A service answered outside the contract: a bug on our side, never shown as data.
        log.error('contract.bad_output', { method, issues: checked.error.issues.length });
        return fail('internal');
      }
      log.log('debug', 'contract.call', { method, window: ctx.window, ms: Math.round(performance.now() - started) });
      return { ok: true, result: checked.data };
    } catch (err) {
      if (err instanceof AppError) {
        log.info('contract.refused', { method, code: err.body.code });
        return { ok: false, error: err.body };
      }
      const full = diskFull(err);
      if (full) {
        // Not a bug: the disk (or the store's limit) is full. Nothing committed is lost; the write
        // that failed was rolled back. Staff get words they can act on.
        log.error('contract.disk_full', { method });
        return { ok: false, error: { code: 'unavailable', message: DISK_FULL } };
      }
      log.error('contract.internal', { method, origin: errorOrigin(err) });
      return fail('internal');
    }
  };
}

const DISK_FULL = text(
  '保存先のディスクがいっぱいで記録できませんでした。これまでの記録は失われていません。不要なファイルを削除するか、責任者に連絡してください。',
  'The disk is full, so this could not be recorded. Nothing recorded before is lost. Free some space, or call the lead.',
);

/** SQLite's "database or disk is full", or the file system's ENOSPC / EDQUOT. */
export function diskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}
