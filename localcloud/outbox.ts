import type { Clock, DevOutbox, OutboxEntry } from './types';

/** How many sent messages the dev outbox keeps; older ones drop off. */
const KEEP = 1000;

/** In-memory record of what localcloud "sent" (subscription messages, SMS, door commands), read at /_dev/outbox. */
export function createDevOutbox(clock: Clock): DevOutbox {
  const entries: OutboxEntry[] = [];
  let nextId = 1;
  return {
    record(kind, recipient, payload) {
      const entry: OutboxEntry = { id: nextId++, kind, recipient, at: clock.now(), payload };
      entries.push(entry);
      if (entries.length > KEEP) entries.shift();
      return entry;
    },
    list(filter = {}) {
      return entries.filter(
        (e) => (!filter.kind || e.kind === filter.kind) && (!filter.recipient || e.recipient === filter.recipient),
      );
    },
  };
}
