import { randomBytes } from 'node:crypto';
import type { HouseImportProblem, HouseImportSummary } from '../../miniprogram/core/api/admin-houses';
import { HOUSE_PART, houseLabel } from '../../miniprogram/core/house-search';
import { readCsv } from '../platform/csv';
import { AppError } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';
import { HouseRepository, type House } from './house';

/** Houses in one file at most: the largest communities the product is for have about 5,000. */
export const MAX_HOUSE_ROWS = 10_000;
/** Documents per batch insert (the platform's limit on one write's size is generous; 1,000 keeps each call short). */
const BATCH = 1000;
/**
 * A journal left `applying` this long ago belongs to a run that is gone: a function never runs past 60 s
 * (config.json timeout), so after that nobody else is writing it.
 */
const STALE_AFTER_MS = 90_000;

const ARREARS: Record<string, boolean> = {
  是: true,
  否: false,
  '1': true,
  '0': false,
  true: true,
  false: false,
  欠费: true,
  '': false,
};

/** What an import writes: the new houses (with their ids drawn) and the houses whose arrears change. */
interface ImportPlan {
  adds: House[];
  arrearsOn: string[];
  arrearsOff: string[];
}

/**
 * The import journal, one per site (`_id` = the site): the plan is written here before any house is, so a run
 * that dies midway leaves the whole of what it meant to do, and the next import of that site finishes it first.
 * It is also the lock: two imports of one site never write at once.
 */
interface HouseImportJournal extends Stored {
  siteId: string;
  status: 'applying' | 'done';
  startedAt: Date;
  plan?: ImportPlan;
  finishedAt?: Date;
}

class HouseImportJournals extends Repository<HouseImportJournal> {
  constructor() {
    super('houseImports');
  }
}

export interface ImportOutcome extends HouseImportSummary {
  plan: ImportPlan;
}

/**
 * Reads the file and compares it with the site's houses: every bad line is reported, and what importing would
 * change is counted. The natural key is site + building + unit + room, so the same file twice finds nothing new.
 */
export async function planHouseImport(siteId: string, csv: string, now: Date): Promise<ImportOutcome> {
  const table = readCsv(csv);
  const empty: ImportPlan = { adds: [], arrearsOn: [], arrearsOff: [] };
  const missing = ['building', 'unit', 'room'].filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    return { ...summary(0, empty, 0), problems: [{ line: 1, message: `表头缺少 ${missing.join('、')}` }], plan: empty };
  }
  if (table.lines.length > MAX_HOUSE_ROWS) throw new AppError('INVALID_ARGUMENT', `每次最多导入${MAX_HOUSE_ROWS}户`);
  const withArrears = table.header.includes('arrears');
  const existing = await new HouseRepository().allOfSite(siteId);
  const byLabel = new Map(existing.map((house) => [house.label, house]));
  const seen = new Map<string, number>();
  const problems: HouseImportProblem[] = [];
  const plan: ImportPlan = { adds: [], arrearsOn: [], arrearsOff: [] };
  let unchanged = 0;
  for (const row of table.lines) {
    const [building, unit, room] = (['building', 'unit', 'room'] as const).map((c) => table.at(row, c));
    const arrearsText = table.at(row, 'arrears');
    const arrears = ARREARS[arrearsText.toLowerCase()];
    const label = houseLabel(building, unit, room);
    let problem = '';
    if (!HOUSE_PART.test(building)) problem = '楼栋应为1到8位字母或数字';
    else if (!HOUSE_PART.test(unit)) problem = '单元应为1到8位字母或数字';
    else if (!HOUSE_PART.test(room)) problem = '房号应为1到8位字母或数字';
    else if (withArrears && arrears === undefined) problem = '欠费应为是或否';
    else if (seen.has(label)) problem = `与第${seen.get(label)}行重复`;
    if (problem) {
      problems.push({ line: row.line, message: problem });
      continue;
    }
    seen.set(label, row.line);
    const house = byLabel.get(label);
    if (!house) {
      plan.adds.push({
        _id: randomBytes(16).toString('hex'),
        siteId,
        building,
        unit,
        room,
        label,
        arrears: withArrears ? arrears : false,
        createdAt: now,
      });
    } else if (withArrears && house.arrears !== arrears) {
      (arrears ? plan.arrearsOn : plan.arrearsOff).push(house._id);
    } else {
      unchanged += 1;
    }
  }
  return { ...summary(table.lines.length, plan, unchanged), problems, plan };
}

function summary(rows: number, plan: ImportPlan, unchanged: number): Omit<HouseImportSummary, 'problems'> {
  return { rows, added: plan.adds.length, changed: plan.arrearsOn.length + plan.arrearsOff.length, unchanged };
}

/**
 * Imports the file all or nothing. Everything is checked before anything is written, so a file with a bad line
 * writes nothing. Then the plan goes into the site's journal, the houses are written, and the journal is marked
 * done. Should the run die between the first house and the last (a timeout, the database failing), the journal
 * still holds the plan, and the next import of that site completes it before reading its own file: an import is
 * never left half done, though until that next import the houses written so far are visible.
 */
export async function importHouses(
  siteId: string,
  csv: string,
  now: Date,
): Promise<HouseImportSummary & { imported: boolean }> {
  const journals = new HouseImportJournals();
  await finishInterruptedImport(journals, siteId, now);
  const { plan, ...outcome } = await planHouseImport(siteId, csv, now);
  if (outcome.problems.length > 0) return { ...outcome, imported: false };
  if (plan.adds.length + plan.arrearsOn.length + plan.arrearsOff.length === 0) return { ...outcome, imported: true };
  await claimJournal(journals, { _id: siteId, siteId, status: 'applying', startedAt: now, plan });
  await applyPlan(plan, false);
  await journals.update(siteId, { status: 'done', finishedAt: now, plan: journals.command().remove() });
  return { ...outcome, imported: true };
}

/** Takes the site's journal for this run; refused (CONFLICT) while another import of the site is writing. */
async function claimJournal(journals: HouseImportJournals, journal: HouseImportJournal): Promise<void> {
  const _ = journals.command();
  const { _id, ...fields } = journal;
  const taken = await journals.updateWhere({ _id, status: 'done' }, { ...fields, plan: _.set(journal.plan) });
  if (taken === 1) return;
  try {
    await journals.insert(journal);
  } catch {
    throw new AppError('CONFLICT', '该场区正在导入房屋，请稍后再试');
  }
}

async function finishInterruptedImport(journals: HouseImportJournals, siteId: string, now: Date): Promise<void> {
  const journal = await journals.get(siteId);
  if (!journal || journal.status !== 'applying') return;
  if (now.getTime() - new Date(journal.startedAt).getTime() < STALE_AFTER_MS) {
    throw new AppError('CONFLICT', '该场区正在导入房屋，请稍后再试');
  }
  // take it over from the dead run, so that two callers do not both finish it
  const taken = await journals.updateWhere(
    { _id: siteId, status: 'applying', startedAt: journal.startedAt },
    { startedAt: now },
  );
  if (taken !== 1) throw new AppError('CONFLICT', '该场区正在导入房屋，请稍后再试');
  if (journal.plan) await applyPlan(journal.plan, true);
  await journals.update(siteId, { status: 'done', finishedAt: now, plan: journals.command().remove() });
}

/**
 * Writes a plan: new houses in batches, arrears in two updates per batch of ids. Every step can be repeated
 * (arrears are set, not toggled); when finishing an interrupted run, houses already inserted are skipped.
 */
async function applyPlan(plan: ImportPlan, resuming: boolean): Promise<void> {
  const houses = new HouseRepository();
  for (let i = 0; i < plan.adds.length; i += BATCH) {
    let batch = plan.adds.slice(i, i + BATCH);
    if (resuming) {
      const present = new Set(await houses.existingIds(batch.map((h) => h._id)));
      batch = batch.filter((h) => !present.has(h._id));
    }
    if (batch.length > 0) await houses.insertMany(batch);
  }
  for (const [ids, arrears] of [
    [plan.arrearsOn, true],
    [plan.arrearsOff, false],
  ] as const) {
    for (let i = 0; i < ids.length; i += BATCH) await houses.setArrearsOf(ids.slice(i, i + BATCH), arrears);
  }
}
