/**
 * What the detail and the approval page share: the booking named in the URL, and the answer turned into a page
 * state. Someone who may not see a booking (NOT_FOUND or FORBIDDEN: a forwarded message, another site's staff)
 * gets `refused` — a polite sentence and nothing of the booking; a fault gets `failed`, with a retry.
 */
import type { VisitDetail } from '../../../core/api/visitor';
import type { Envelope } from '../../../core/envelope';

export type VisitPageStatus = 'loading' | 'ready' | 'failed' | 'refused' | 'unnamed';

export const CANNOT_VIEW = '无法查看此预约';
export const CANNOT_VIEW_DETAIL = '该预约不存在，或您没有查看权限';
export const NO_VISIT_NAMED = '没有指定要查看的预约';

/** WeChat hands the query to onLoad as written in the URL: the URL builders encoded it. */
export function visitIdFrom(query: Record<string, string | undefined>): string {
  const value = query.id ?? '';
  try {
    return decodeURIComponent(value).trim();
  } catch {
    return value.trim();
  }
}

export type VisitAnswer =
  { status: 'ready'; visit: VisitDetail } | { status: 'refused' } | { status: 'failed'; failure: string };

export function visitAnswer(answer: Envelope<{ visit: VisitDetail }>): VisitAnswer {
  if (answer.ok) return { status: 'ready', visit: answer.data.visit };
  if (answer.code === 'NOT_FOUND' || answer.code === 'FORBIDDEN') return { status: 'refused' };
  return { status: 'failed', failure: answer.message };
}
