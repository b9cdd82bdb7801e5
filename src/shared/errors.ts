// The typed error every contract call can answer with. Services throw AppError; the dispatcher
// turns anything else into `internal` without leaking the original message (it may hold input).
import { z } from 'zod';
import { Text, text } from './text.js';

export const ErrorCode = z.enum([
  'bad_request', // payload failed its schema, or was not JSON
  'unknown_method', // no such call in the contract
  'too_large', // payload over the call's size limit
  'forbidden', // this window (or sender) may not make this call
  'conflict', // the call does not fit the current state (e.g. the day is already open)
  'not_found',
  'unavailable', // a device or service is not there right now; try again or use the fallback
  'internal', // a bug: the app keeps serving, the error is logged without payload
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorIssue = z.strictObject({ path: z.string(), message: z.string() });
export type ErrorIssue = z.infer<typeof ErrorIssue>;

export const ErrorBody = z.strictObject({
  code: ErrorCode,
  message: Text,
  issues: z.array(ErrorIssue).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export class AppError extends Error {
  readonly body: ErrorBody;
  constructor(code: ErrorCode, message: Text, issues?: ErrorIssue[]) {
    super(`${code}: ${message.en}`);
    this.name = 'AppError';
    this.body = issues ? { code, message, issues } : { code, message };
  }
}

export const standardMessages = {
  bad_request: text('入力の形式が正しくありません。', 'The request is not in the expected form.'),
  unknown_method: text('この操作はありません。', 'There is no such operation.'),
  too_large: text('データが大きすぎます。', 'The data is too large.'),
  forbidden: text('この画面からはこの操作はできません。', 'This screen may not do that.'),
  internal: text(
    '内部エラーが発生しました。もう一度お試しください。続く場合は責任者に連絡してください。',
    'Something went wrong inside the app. Please try again; if it keeps happening, call the lead.',
  ),
  disconnected: text(
    'アプリ本体との接続が切れました。再接続しています…',
    'Lost the connection to the app. Reconnecting…',
  ),
} satisfies Record<string, Text>;
