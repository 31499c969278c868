/**
 * Display names of the values the analyses return as English identifiers or labels: RFM segment
 * names, lifecycle stages, CLV churn-risk tiers, NPS groups, MRR movements, reporting periods,
 * CLV time units and phases, default loyalty tiers, the placeholders of missing groups, weekday
 * and month names, and the models' refusal messages. The analyses (and CSV downloads, SQL, saved
 * notebooks) keep the English values; only display goes through these functions, which read
 * the catalog src/i18n/messages/analyses.ts in the reader's language (or in `lang` when given).
 */
import { t, translate, type MessageKey, type Params } from './t';
import { prefs, type DisplayCalendar } from './prefs.svelte';
import { LANGS, type Lang } from './langs';
import { monthName } from './dates';
import { localDigits } from './numbers';
import type { RfmSegment } from '../analyses/rfm-segments';
import type { ChurnTier, ClvPhase, TimeUnit } from '../analyses/clv-types';
import type { Period } from '../analyses/options';
import type { MrrMovements } from '../analyses/subscriptions';

const msg = (key: MessageKey, params?: Params, lang?: Lang) => (lang ? translate(lang, key, params) : t(key, params));
const langOf = (lang?: Lang): Lang => lang ?? prefs.lang;

export const RFM_SEGMENT_KEYS: Record<RfmSegment, MessageKey> = {
  Champions: 'analyses.rfm.champions',
  'Loyal Customers': 'analyses.rfm.loyalCustomers',
  'Potential Loyalists': 'analyses.rfm.potentialLoyalists',
  'New Customers': 'analyses.rfm.newCustomers',
  Promising: 'analyses.rfm.promising',
  'Need Attention': 'analyses.rfm.needAttention',
  'About to Sleep': 'analyses.rfm.aboutToSleep',
  'At Risk': 'analyses.rfm.atRisk',
  "Can't Lose Them": 'analyses.rfm.cantLoseThem',
  Hibernating: 'analyses.rfm.hibernating',
  Lost: 'analyses.rfm.lost',
};
/** An RFM segment's name (src/analyses/rfm-segments.ts); anything else unchanged. */
export function rfmSegmentLabel(segment: string, lang?: Lang): string {
  const key = (RFM_SEGMENT_KEYS as Record<string, MessageKey>)[segment];
  return key ? msg(key, undefined, lang) : segment;
}

export type LifecycleStage = 'new' | 'returning' | 'resurrected' | 'dormant';
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = ['new', 'returning', 'resurrected', 'dormant'];
/** A lifecycle stage of src/analyses/lifecycle.ts (the field of LifecyclePeriod). */
export const lifecycleLabel = (stage: LifecycleStage, lang?: Lang) => msg(`analyses.lifecycle.${stage}`, undefined, lang);

const TIER_KEYS: Record<ChurnTier, MessageKey> = {
  active: 'analyses.tier.active',
  'at-risk': 'analyses.tier.atRisk',
  'likely-lost': 'analyses.tier.likelyLost',
  'one-time-new': 'analyses.tier.oneTimeNew',
  'one-time-lapsed': 'analyses.tier.oneTimeLapsed',
};
/** A CLV churn-risk tier (src/analyses/clv-types.ts ChurnTier). */
export const churnTierLabel = (tier: ChurnTier, lang?: Lang) => (TIER_KEYS[tier] ? msg(TIER_KEYS[tier], undefined, lang) : tier);

export type NpsGroup = 'promoter' | 'passive' | 'detractor';
export const NPS_GROUPS: readonly NpsGroup[] = ['promoter', 'passive', 'detractor'];
/** An NPS group (src/analyses/nps.ts NpsBehaviour.category), plural: "promoters". */
export const npsGroupLabel = (group: NpsGroup, lang?: Lang) => msg(`analyses.nps.${group}s`, undefined, lang);

export type MrrMovement = keyof MrrMovements;
export const MRR_MOVEMENTS: readonly MrrMovement[] = ['new', 'expansion', 'reactivation', 'contraction', 'churned'];
/** An MRR movement (src/analyses/subscriptions.ts MrrMovements). */
export const mrrMovementLabel = (kind: MrrMovement, lang?: Lang) => msg(`analyses.mrr.${kind}`, undefined, lang);

/** A reporting period as a noun: "month" ("Churn rate by month", "each month"). */
export const periodWord = (period: Period, lang?: Lang) =>
  (['week', 'month', 'quarter', 'year'].includes(period) ? msg(`analyses.period.${period}`, undefined, lang) : period);

const SEGMENT_BY = ['cohort', 'persona', 'channel', 'city', 'region', 'product', 'category'] as const;
/** What a churn breakdown groups customers by: "month of first order", "channel of first order"…; unknown columns as is. */
export function segmentByLabel(by: string, period: Period, lang?: Lang): string {
  if (!(SEGMENT_BY as readonly string[]).includes(by)) return by;
  return msg(`analyses.segmentBy.${by as (typeof SEGMENT_BY)[number]}`, { period: periodWord(period, lang) }, lang);
}

/** A CLV time unit, singular: "rates per week". */
export const unitName = (unit: TimeUnit, lang?: Lang) => msg(`analyses.unit.${unit}`, undefined, lang);
/** Its abbreviation after a rate parameter: "α = 3.1 w". */
export const unitShort = (unit: TimeUnit, lang?: Lang) => msg(`analyses.unitShort.${unit}`, undefined, lang);
/** The unit's noun after a count (Arabic agrees with the number; English keeps "weeks"). */
export function unitCount(unit: TimeUnit, count: number | null | undefined, lang?: Lang): string {
  const l = langOf(lang);
  const category = count === null || count === undefined || !Number.isFinite(count)
    ? 'other' : new Intl.PluralRules(LANGS[l].locale).select(count);
  const form = (['one', 'two', 'few', 'many', 'other'] as const).find((c) => c === category) ?? 'other';
  return msg(`analyses.units.${unit}.${form}`, undefined, lang);
}
/** The unit as a plural without a count: the "weeks"/"days" choice, axis titles. */
export const unitPlural = (unit: TimeUnit, lang?: Lang) => msg(`analyses.units.${unit}.few`, undefined, lang);

/** The default loyalty tiers of src/analyses/loyalty.ts (DEFAULT_TIERS); custom tier names as is; null = no tier. */
export function loyaltyTierLabel(name: string | null, lang?: Lang): string {
  if (name === null) return msg('analyses.loyalty.none', undefined, lang);
  if (name === 'One order') return msg('analyses.loyalty.oneOrder', undefined, lang);
  let m: RegExpMatchArray | null;
  if ((m = name.match(/^Repeat \((\d+)–(\d+) orders\)$/))) return msg('analyses.loyalty.repeat', { from: +m[1], to: +m[2] }, lang);
  if ((m = name.match(/^Loyal \((\d+)–(\d+) orders\)$/))) return msg('analyses.loyalty.loyal', { from: +m[1], to: +m[2] }, lang);
  if ((m = name.match(/^VIP \((\d+)\+ orders\)$/))) return msg('analyses.loyalty.vip', { from: +m[1] }, lang);
  return name;
}

export type MissingKind = 'unknown' | 'unnamed' | 'missing' | 'noPersona' | 'noOrders' | 'noCurrency';
/** What stands for a group whose value is missing: "(unknown)", "(in no persona)"… */
export const missingLabel = (kind: MissingKind, lang?: Lang) => msg(`analyses.missing.${kind}`, undefined, lang);

const PHASES: Record<string, MessageKey> = {
  'Preparing per-customer summaries': 'analyses.clvPhase.preparing',
  summary: 'analyses.clvPhase.summary',
  'fitting BG/NBD': 'analyses.clvPhase.bgnbd',
  'fitting Pareto/NBD': 'analyses.clvPhase.paretoNbd',
  'fitting Gamma-Gamma': 'analyses.clvPhase.gammaGamma',
  checks: 'analyses.clvPhase.checks',
  scoring: 'analyses.clvPhase.scoring',
};
const PHASE_IDS: Record<ClvPhase, string> = {
  summary: 'summary', bgnbd: 'fitting BG/NBD', 'pareto-nbd': 'fitting Pareto/NBD', 'gamma-gamma': 'fitting Gamma-Gamma', checks: 'checks', scoring: 'scoring',
};
/** A CLV run phase: its id (ClvPhase) or the English label the store holds (CLV_PHASE_LABELS); unknown text as is. */
export function clvPhaseLabel(phase: string, lang?: Lang): string {
  const key = PHASES[phase] ?? PHASES[PHASE_IDS[phase as ClvPhase] ?? ''];
  return key ? msg(key, undefined, lang) : phase;
}

/** The hints of src/models/fit.ts NOT_CONVERGED_HINTS and NotConverged's default, by their English text. */
const HINT_KEYS: readonly MessageKey[] = ['analyses.refusal.hintBgnbd', 'analyses.refusal.hintParetoNbd', 'analyses.refusal.hintGammaGamma', 'analyses.refusal.hintDefault'];
/**
 * A model refusal (src/models/refusals.ts; the message is English) in the reader's language: the
 * known messages are recognised and rebuilt from their numbers; anything else is shown as is.
 */
export function modelMessage(message: string, lang?: Lang): string {
  if (langOf(lang) === 'en') return message;
  // Pareto/NBD refusals from the series check are prefixed twice ("Pareto/NBD: Pareto/NBD: …").
  const text = message.replace(/^(Pareto\/NBD): (?=Pareto\/NBD: )/, '');
  let m: RegExpMatchArray | null;
  if ((m = text.match(/^(.+?): (\d+) customers? in the calibration period; a fit needs at least (\d+)\./)))
    return msg('analyses.refusal.tooFewCustomers', { model: m[1], got: +m[2], needed: +m[3] }, lang);
  if ((m = text.match(/^(.+?): (\d+) repeat buyers? \(customers with a purchase on a second day\) in the calibration period; a fit needs at least (\d+)\./)))
    return msg('analyses.refusal.tooFewRepeatBuyers', { model: m[1], got: +m[2], needed: +m[3] }, lang);
  if ((m = text.match(/^Gamma-Gamma: (\d+) repeat buyers? (?:has|have) a mean repeat spend ≤ 0 \(e\.g\. (-?[\d.e+-]+)\)/)))
    return msg('analyses.refusal.nonPositiveSpend', { customers: +m[1], example: +m[2] }, lang);
  if ((m = text.match(/^(.+?): the maximum-likelihood fit did not converge \((.*)\) after (\d+) iterations; last parameters (.*?)\. (.*)$/s))) {
    const [, model, reason, iterations, params, hint] = m;
    const hintKey = HINT_KEYS.find((k) => translate('en', k) === hint);
    const hintText = hintKey ? msg(hintKey, undefined, lang) : hint;
    return msg('analyses.refusal.notConverged', { model, reason, iterations: +iterations, params, hint: hintText }, lang);
  }
  return message;
}

/** ISO weekday 1 = Monday … 7 = Sunday (src/analyses/seasonality.ts), short where the language has short names. */
export function weekdayName(isoDay: number, lang?: Lang): string {
  const l = langOf(lang);
  // 2024-01-01 is a Monday
  return new Intl.DateTimeFormat(LANGS[l].locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, isoDay));
}

/** Month 1–12 of the analysis calendar (Jalali months are Farvardin…Esfand), short. */
export const monthShort = (month: number, calendar: DisplayCalendar, lang?: Lang) => monthName(month, calendar, langOf(lang), 'short');

/** A label made of numbers and symbols ("0–6", "30+", "7+") in the reader's digits. */
export const digitsLabel = (label: string, lang?: Lang) => localDigits(label, langOf(lang), lang ? LANGS[lang].defaultDigits : prefs.digits);
