import type { Persona } from './rules';

/**
 * The seeds' two personas for the online sports shop (../shared/DOMAIN.md, "Personas"), as rules
 * over the sample's customers.csv (sample-data/README.md, "Personas"). The Premier League clubs
 * are those of sample-data/catalog.mjs (`PREMIER_LEAGUE`).
 */
export const PREMIER_LEAGUE_CLUBS = ['Manchester United', 'Liverpool', 'Arsenal', 'Chelsea', 'Manchester City'] as const;

export const SAEED: Persona = {
  id: 'saeed',
  name: 'Saeed',
  description: 'Saeed, 28, single, high income, follows one Premier League club, buys the new jersey every season, '
    + 'shops online easily, lives on social media.',
  rules: [
    { field: 'age', op: 'between', value: [20, 32] },
    { field: 'marital_status', op: '=', value: 'single' },
    { field: 'favourite_club', op: 'in', value: [...PREMIER_LEAGUE_CLUBS] },
  ],
};

export const ALI_AND_NAZANIN: Persona = {
  id: 'ali-and-nazanin',
  name: 'Ali and Nazanin',
  description: 'Ali and Nazanin, 34, two children at football school, each child supports a different club; '
    + 'they buy the newest jerseys every year, also as gifts for the grandparents.',
  rules: [
    { field: 'age', op: 'between', value: [30, 45] },
    { field: 'children', op: '≥', value: 1 },
  ],
};

/** Both, in the seeds' order. */
export const SAMPLE_PERSONAS: readonly Persona[] = [SAEED, ALI_AND_NAZANIN];
