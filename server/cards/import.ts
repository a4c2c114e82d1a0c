import { AppError } from '../platform/errors';
import type { Site } from '../sites/site';
import { parseCardsCsv } from './csv';
import { CardRegistry } from './registry';

/** Cards in one import at most: an export of a whole community's card system fits. */
export const MAX_IMPORT = 2000;

/**
 * Imports a card system's CSV export into the site's registry (R10): good lines are saved (a card
 * already there is replaced), bad lines reported by number. A site with its own card system is
 * asked directly and needs no import.
 */
export async function importCards(
  site: Site,
  csv: string,
): Promise<{ imported: number; problems: Array<{ line: number; message: string }> }> {
  if (site.cardSystem) throw new AppError('INVALID_ARGUMENT', '该场区使用自己的卡务系统，无需导入');
  const { cards, problems } = parseCardsCsv(csv);
  if (cards.length > MAX_IMPORT) throw new AppError('INVALID_ARGUMENT', `每次最多导入${MAX_IMPORT}张卡`);
  const registry = new CardRegistry();
  // one write per card: an import is rare and small
  for (const card of cards) await registry.put(site._id, card);
  return { imported: cards.length, problems };
}
