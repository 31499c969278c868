import { ONLINE_SERVICE_CHANNELS, type Goal } from './goal';

/**
 * The seeds' two example goals (DOMAIN.md, "Goals") for the sample shop (data 2023-11-01 …
 * 2026-10-31; sample-data/README.md).
 *
 * 1. "Bring 30% of existing customers to buy again directly from the website within 6 months":
 *    the website campaign's window as the README gives it (2026-05-01 … 2026-10-31). The data ends
 *    on the deadline, so the goal is judged there (the README: 16%, not reached → missed).
 * 2. "Reach 25% of existing customers with online service within 12 months": "online service" is
 *    our reading = orders on the website or the mobile app (the sample has no visit data). The
 *    seeds' 12 months from the campaign start (2025-11-01 … 2026-10-31) would end exactly on the
 *    last data day, so the goal would already be decided; it starts on 2026-05-01 instead (same
 *    existing customers as goal 1), deadline 2027-04-30, so on the sample it is half-way: in
 *    progress, with a projection.
 */
export const SAMPLE_GOALS: Goal[] = [
  {
    id: 'sample-website-reorder',
    name: 'Bring 30% of existing customers to buy again directly from the website within 6 months',
    metric: { kind: 'existing_reordered_on_channel', channels: ['website'] },
    target: 0.3,
    start: '2026-05-01',
    deadline: '2026-10-31',
  },
  {
    id: 'sample-online-reach',
    name: 'Reach 25% of existing customers with online service within 12 months',
    metric: { kind: 'existing_reached_on_channel', channels: [...ONLINE_SERVICE_CHANNELS] },
    target: 0.25,
    start: '2026-05-01',
    deadline: '2027-04-30',
  },
];
