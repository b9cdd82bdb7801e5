// Survey answers (⑪) and inquiries (⑧). Both refuse free text that plainly holds personal data
// (the individual number, a 申請書ID, a phone number), saying why, so nothing like it is kept.
import { type z } from 'zod';
import { type InquiryInput, type SurveyAnswerInput } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { personalDataIn, SURVEY } from '../../shared/survey.js';
import { text } from '../../shared/text.js';
import { boothDay } from '../day/booth-day.js';
import type { StoreKeeper } from '../store/store.js';

const WHY = {
  individual_number: text('個人番号（12桁）のような数字が含まれています。個人番号は書かないでください。', 'It contains what looks like an individual number (12 digits). Do not write it.'),
  application_id: text('申請書ID（23桁）のような数字が含まれています。書かないでください。', 'It contains what looks like an application ID (23 digits). Do not write it.'),
  phone: text('電話番号のような数字が含まれています。個人情報は書かないでください。', 'It contains what looks like a phone number. Do not write personal data.'),
} as const;

function refusePersonalData(s: string | undefined): void {
  const found = s ? personalDataIn(s) : null;
  if (found) throw new AppError('bad_request', WHY[found]);
}

export class FeedbackService {
  constructor(private readonly d: { store: StoreKeeper; now: () => Date; eventId: () => number | null }) {}

  submitSurvey(input: z.infer<typeof SurveyAnswerInput>): number {
    for (const [q, c] of Object.entries(input.answers)) {
      const question = SURVEY.find((x) => x.id === q);
      if (!question || !question.choices.some((x) => x.id === c)) {
        throw new AppError('bad_request', text('アンケートの回答の形式が正しくありません。', 'The survey answer is not in the expected form.'), [{ path: `answers.${q}`, message: 'unknown question or choice' }]);
      }
    }
    refusePersonalData(input.comment);
    const now = this.d.now();
    const r = this.d.store
      .prepare('INSERT INTO survey_answers (day, answered_at, source, answers, age_band, comment, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(boothDay(now), now.toISOString(), input.source, JSON.stringify(input.answers), input.ageBand ?? null, input.comment || null, this.d.eventId());
    return Number(r.lastInsertRowid);
  }

  addInquiry(input: z.infer<typeof InquiryInput>, staffId: number): number {
    refusePersonalData(input.text);
    refusePersonalData(input.resolution);
    const now = this.d.now();
    const r = this.d.store
      .prepare('INSERT INTO inquiries (day, created_at, staff_id, category, text, resolution, escalate, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(boothDay(now), now.toISOString(), staffId, input.category, input.text, input.resolution, input.escalate ? 1 : 0, this.d.eventId());
    return Number(r.lastInsertRowid);
  }
}
