import { randomBytes } from 'node:crypto';
import type { SettingsArea, SettingsChangeView } from '../../miniprogram/core/api/admin-changes';
import { changedFields, type FieldChange } from '../../miniprogram/core/settings-words';
import { database } from '../platform/cloud';
import type { TransactionScope } from '../platform/db-types';
import { requestToken } from '../platform/idempotency';
import { Repository, type Stored } from '../platform/repository';
import type { ActionContext } from '../platform/router';

/**
 * 最近修改: who changed which of a site's settings, and when. Every settings action writes through
 * `changeSettings`, which makes the change and its line in one transaction: there is no setting changed without a
 * line, and no line for a change that failed.
 */
export interface SettingsChange extends Stored {
  siteId: string;
  area: SettingsArea;
  subject?: string;
  action?: string;
  /** each changed field in the back office's words, before and after: a summary, never the raw documents */
  changes: FieldChange[];
  /** the administrator as they were at the time; an account deletion anonymises it (server/accounts/deletion.ts) */
  by: { userId: string; name: string; accountId?: string };
  at: Date;
}

export interface SettingsChangeFacts {
  siteId: string;
  area: SettingsArea;
  subject?: string;
  action?: string;
  /** the settings in words (core/settings-words.ts) before and after; only the fields that differ are kept */
  before: Record<string, string>;
  after: Record<string, string>;
}

/**
 * Runs `write` (the change itself, on the transaction) and records who made it in the same transaction. A save
 * that changes no field and names no action leaves no line: nothing changed. The line's id comes from the request,
 * so a second run of the same request (a retry after its answer was lost) writes the same line again, not a second.
 */
export async function changeSettings<T>(
  context: ActionContext,
  facts: SettingsChangeFacts,
  write: (tx: TransactionScope) => Promise<T>,
): Promise<T> {
  const user = await context.user();
  const changes = changedFields(facts.before, facts.after);
  // the area and subject too: one request id reused by the same caller for another action names another line
  const id =
    requestToken(`settingsChange\n${facts.area}\n${facts.subject ?? ''}`, context) ?? randomBytes(16).toString('hex');
  const line: Omit<SettingsChange, '_id'> = {
    siteId: facts.siteId,
    area: facts.area,
    ...(facts.subject ? { subject: facts.subject } : {}),
    ...(facts.action ? { action: facts.action } : {}),
    changes,
    by: {
      userId: user._id,
      name: user.name ?? user.nickname ?? '管理员',
      ...(user.accountId ? { accountId: user.accountId } : {}),
    },
    at: context.now,
  };
  return database().runTransaction(async (tx) => {
    const result = await write(tx);
    if (changes.length > 0 || facts.action) {
      await tx.collection('settingsChanges').doc(id).set({ data: line });
    }
    return result;
  });
}

export const SETTINGS_CHANGES_PAGE = 20;

export class SettingsChanges extends Repository<SettingsChange> {
  constructor() {
    super('settingsChanges');
  }

  /** One page of a site's changes, newest first (index site_at, or site_area_at with an area). */
  async page(siteId: string, area: SettingsArea | undefined, page: number) {
    const found = await this.find(
      { siteId, ...(area ? { area } : {}) },
      {
        orderBy: [['at', 'desc']],
        skip: (page - 1) * SETTINGS_CHANGES_PAGE,
        limit: SETTINGS_CHANGES_PAGE + 1,
      },
    );
    return { changes: found.slice(0, SETTINGS_CHANGES_PAGE), hasMore: found.length > SETTINGS_CHANGES_PAGE };
  }
}

export function settingsChangeView(change: SettingsChange): SettingsChangeView {
  return {
    id: change._id,
    area: change.area,
    ...(change.subject ? { subject: change.subject } : {}),
    ...(change.action ? { action: change.action } : {}),
    changes: change.changes,
    by: { name: change.by.name, ...(change.by.accountId ? { accountId: change.by.accountId } : {}) },
    at: new Date(change.at).toISOString(),
  };
}
