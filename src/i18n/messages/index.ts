/**
 * Every catalog, merged per language. One file per area of the app; keys start with the area's
 * name (test/i18n/catalogs.test.ts checks prefixes, that no key is defined twice, and that every
 * key has the same placeholders in every language).
 */
import common from './common';
import data from './data';
import report from './report';
import sections from './sections';
import analyses from './analyses';
import notebook from './notebook';
import share from './share';
import personas from './personas';
import goals from './goals';
import charts from './charts';
import dates from './dates';

export const AREAS = { common, data, report, sections, analyses, notebook, share, personas, goals, charts, dates };

export const MESSAGES = {
  en: { ...common.en, ...data.en, ...report.en, ...sections.en, ...analyses.en, ...notebook.en, ...share.en, ...personas.en, ...goals.en, ...charts.en, ...dates.en },
  fa: { ...common.fa, ...data.fa, ...report.fa, ...sections.fa, ...analyses.fa, ...notebook.fa, ...share.fa, ...personas.fa, ...goals.fa, ...charts.fa, ...dates.fa },
  ar: { ...common.ar, ...data.ar, ...report.ar, ...sections.ar, ...analyses.ar, ...notebook.ar, ...share.ar, ...personas.ar, ...goals.ar, ...charts.ar, ...dates.ar },
};

export type MessageKey = keyof typeof MESSAGES.en;
