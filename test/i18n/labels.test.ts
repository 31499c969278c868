/**
 * src/i18n/labels.ts: every value the analyses can return (RFM segments, lifecycle stages, CLV
 * churn-risk tiers, NPS groups, MRR movements, periods, time units, default loyalty tiers, CLV
 * phases) has a display name in each language; English is the value itself (what the app showed
 * before), Persian and Arabic are real translations (not the English one, acronyms aside), in
 * the right script. Model refusals are rebuilt in the reader's language from their numbers.
 */
import { describe, expect, it } from 'vitest';
import { RFM_SEGMENTS } from '../../src/analyses/rfm-segments';
import { CHURN_TIERS, CLV_PHASE_LABELS } from '../../src/analyses/clv-types';
import { DEFAULT_TIERS } from '../../src/analyses/loyalty';
import { NotConverged, NonPositiveSpend, TooFewCustomers, TooFewRepeatBuyers } from '../../src/models/refusals';
import { NOT_CONVERGED_HINTS } from '../../src/models/fit';
import type { Lang } from '../../src/i18n/langs';
import {
  LIFECYCLE_STAGES, MRR_MOVEMENTS, NPS_GROUPS, churnTierLabel, clvPhaseLabel, lifecycleLabel, loyaltyTierLabel, missingLabel,
  modelMessage, mrrMovementLabel, npsGroupLabel, periodWord, rfmSegmentLabel, segmentByLabel, unitCount, unitName, unitPlural,
  unitShort, weekdayName,
} from '../../src/i18n/labels';

const OTHER: Lang[] = ['fa', 'ar'];
/** Without the bidi isolates t() puts around parameters in right-to-left text. */
const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, '');
/** Persian uses ی and ک; Arabic ي and ك (and none of the Persian-only letters). */
function rightScript(text: string, lang: Lang) {
  if (lang === 'fa') expect(text, text).not.toMatch(/[يك]/);
  if (lang === 'ar') expect(text, text).not.toMatch(/[یکپچژگ]/);
}
/** A translation: not empty, not the English text, written in the language's script (acronyms like VIP may stay). */
function translated(text: string, english: string, lang: Lang) {
  expect(text.trim(), `${lang}: ${english}`).not.toBe('');
  expect(text, `${lang}: ${english}`).not.toBe(english);
  expect(text, `${lang}: ${english}`).toMatch(/[\u0600-\u06FF]/);
  rightScript(text, lang);
}

const OLD_TIER_LABELS = { active: 'Active', 'at-risk': 'At risk', 'likely-lost': 'Likely lost', 'one-time-new': 'One order, recent', 'one-time-lapsed': 'One order, lapsed' };

describe('display names of analysis values', () => {
  it('RFM segments: English is the segment itself; Persian and Arabic translate every one, all different', () => {
    for (const seg of RFM_SEGMENTS) {
      expect(rfmSegmentLabel(seg, 'en')).toBe(seg);
      for (const lang of OTHER) translated(rfmSegmentLabel(seg, lang), seg, lang);
    }
    for (const lang of OTHER) expect(new Set(RFM_SEGMENTS.map((s) => rfmSegmentLabel(s, lang))).size).toBe(RFM_SEGMENTS.length);
    expect(rfmSegmentLabel('Some custom group', 'fa')).toBe('Some custom group');
  });

  it('lifecycle stages, churn-risk tiers, NPS groups, MRR movements', () => {
    for (const stage of LIFECYCLE_STAGES) {
      const en = lifecycleLabel(stage, 'en');
      expect(en).toBe(stage[0].toUpperCase() + stage.slice(1));
      for (const lang of OTHER) translated(lifecycleLabel(stage, lang), en, lang);
    }
    for (const tier of CHURN_TIERS) {
      expect(churnTierLabel(tier, 'en')).toBe(OLD_TIER_LABELS[tier]);
      for (const lang of OTHER) translated(churnTierLabel(tier, lang), OLD_TIER_LABELS[tier], lang);
    }
    for (const g of NPS_GROUPS) {
      expect(npsGroupLabel(g, 'en')).toBe(`${g}s`);
      for (const lang of OTHER) translated(npsGroupLabel(g, lang), `${g}s`, lang);
    }
    expect(npsGroupLabel('promoter', 'fa')).toBe('مروجان');
    expect(npsGroupLabel('detractor', 'ar')).toBe('المنتقدون');
    for (const kind of MRR_MOVEMENTS) {
      const en = mrrMovementLabel(kind, 'en');
      expect(en).toBe(kind[0].toUpperCase() + kind.slice(1));
      for (const lang of OTHER) translated(mrrMovementLabel(kind, lang), en, lang);
    }
  });

  it('periods, breakdowns, time units and missing groups', () => {
    for (const p of ['week', 'month', 'quarter', 'year'] as const) {
      expect(periodWord(p, 'en')).toBe(p);
      for (const lang of OTHER) translated(periodWord(p, lang), p, lang);
    }
    expect(segmentByLabel('cohort', 'month', 'en')).toBe('month of first order');
    expect(plain(segmentByLabel('cohort', 'month', 'fa'))).toBe('ماه اولین سفارش');
    expect(segmentByLabel('channel', 'month', 'ar')).toBe('قناة أول طلب');
    expect(segmentByLabel('persona', 'week', 'fa')).toBe('پرسونا');
    expect(segmentByLabel('gender', 'week', 'fa')).toBe('gender'); // a column name from the data
    for (const by of ['persona', 'channel', 'city', 'region', 'product', 'category']) {
      for (const lang of OTHER) translated(segmentByLabel(by, 'month', lang), segmentByLabel(by, 'month', 'en'), lang);
    }
    for (const unit of ['day', 'week'] as const) {
      expect(unitName(unit, 'en')).toBe(unit);
      expect(unitPlural(unit, 'en')).toBe(`${unit}s`);
      expect(unitShort(unit, 'en')).toBe(unit[0]);
      for (const count of [1, 2, 5, 15, 52.14, 365.3, 1000]) expect(unitCount(unit, count, 'en')).toBe(`${unit}s`);
      for (const lang of OTHER) {
        translated(unitName(unit, lang), unit, lang);
        translated(unitPlural(unit, lang), `${unit}s`, lang);
      }
    }
    // Arabic: the noun agrees with the number; Persian keeps the singular after a number.
    expect(unitCount('week', 5, 'ar')).toBe('أسابيع');
    expect(unitCount('week', 15, 'ar')).toBe('أسبوعًا');
    expect(unitCount('week', 52.14, 'ar')).toBe('أسبوع');
    expect(unitCount('day', 365, 'ar')).toBe('يومًا');
    expect(unitCount('day', 100, 'ar')).toBe('يوم');
    expect(unitCount('day', 365, 'fa')).toBe('روز');
    for (const kind of ['unknown', 'unnamed', 'missing', 'noPersona', 'noOrders', 'noCurrency'] as const) {
      for (const lang of OTHER) translated(missingLabel(kind, lang), missingLabel(kind, 'en'), lang);
    }
    expect(missingLabel('noPersona', 'en')).toBe('(in no persona)');
  });

  it('default loyalty tiers, with their numbers in the language\'s digits; custom tiers as named', () => {
    for (const tier of DEFAULT_TIERS) {
      expect(loyaltyTierLabel(tier.name, 'en')).toBe(tier.name);
      for (const lang of OTHER) translated(loyaltyTierLabel(tier.name, lang), tier.name, lang);
    }
    expect(loyaltyTierLabel('Repeat (2–4 orders)', 'fa')).toBe('تکراری (۲ تا ۴ سفارش)');
    expect(loyaltyTierLabel('VIP (10+ orders)', 'ar')).toContain('١٠ طلبات');
    expect(loyaltyTierLabel(null, 'en')).toBe('no tier');
    translated(loyaltyTierLabel(null, 'fa'), 'no tier', 'fa');
    expect(loyaltyTierLabel('Gold', 'ar')).toBe('Gold');
  });

  it('CLV phases: by id or by the English label the store holds', () => {
    for (const [id, label] of Object.entries(CLV_PHASE_LABELS)) {
      expect(clvPhaseLabel(label, 'en')).toBe(label);
      expect(clvPhaseLabel(id, 'en')).toBe(label);
      for (const lang of OTHER) translated(clvPhaseLabel(label, lang), label, lang);
    }
    translated(clvPhaseLabel('Preparing per-customer summaries', 'fa'), 'Preparing per-customer summaries', 'fa');
    expect(clvPhaseLabel('something new', 'fa')).toBe('something new');
  });

  it('weekday names in the language', () => {
    expect(weekdayName(1, 'en')).toBe('Mon');
    expect(weekdayName(7, 'en')).toBe('Sun');
    expect(weekdayName(1, 'fa')).toBe('دوشنبه');
    expect(weekdayName(5, 'ar')).toBe('الجمعة');
  });
});

describe('model refusals in the reader\'s language', () => {
  const refusals = [
    new TooFewCustomers('BG/NBD', 12, 50),
    new TooFewRepeatBuyers('Gamma-Gamma', 1, 20),
    new NonPositiveSpend(3, -5),
    new NotConverged('BG/NBD', 'evaluation budget exhausted', { r: 0.24, alpha: 4.1 }, 1200, NOT_CONVERGED_HINTS['BG/NBD']),
    new NotConverged('Pareto/NBD', 'evaluation budget exhausted', { r: 0.24 }, 300),
  ];
  it('English unchanged; Persian and Arabic rebuilt with their numbers', () => {
    for (const e of refusals) {
      expect(modelMessage(e.message, 'en')).toBe(e.message);
      for (const lang of OTHER) {
        const text = modelMessage(e.message, lang);
        translated(text, e.message, lang);
        expect(plain(text).startsWith(e.model), text).toBe(true);
      }
    }
    expect(modelMessage(refusals[0].message, 'fa')).toContain('۱۲');
    expect(modelMessage(refusals[0].message, 'fa')).toContain('۵۰');
    expect(modelMessage(refusals[0].message, 'ar')).toContain('٥٠ عميلًا');
    // the hint is translated too; the optimiser's technical reason and parameters stay as they are
    const nc = modelMessage(refusals[3].message, 'fa');
    expect(nc).toContain('evaluation budget exhausted');
    expect(nc).not.toContain('The data cannot identify the model');
    expect(modelMessage(refusals[4].message, 'ar')).not.toContain('The data may not fit this model');
    expect(modelMessage('Something else went wrong', 'fa')).toBe('Something else went wrong');
  });
});
