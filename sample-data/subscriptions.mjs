// The sample shop's "club membership": a subscriptions export in Stripe's Subscriptions layout,
// simulated on top of the customers and orders of generate.mjs, with its own random streams (so
// that the other files stay byte-identical), and the true MRR of every month, computed from the
// simulation itself (not from the export's columns) to check the loader and the analysis against.
// See sample-data/README.md, "subscriptions.csv".

const DAY = 86_400;

/** Stripe → Subscriptions export columns, as in test/fixtures/stripe-subscriptions.csv. */
export const SUBSCRIPTIONS_HEADER = ['id', 'Customer ID', 'Customer Description', 'Customer Email', 'Plan', 'Product',
  'Quantity', 'Currency', 'Interval', 'Amount', 'Status', 'Created (UTC)', 'Start (UTC)', 'Current Period Start (UTC)',
  'Current Period End (UTC)', 'Trial Start (UTC)', 'Trial End (UTC)', 'Canceled At (UTC)', 'Cancel At Period End',
  'Ended At (UTC)', 'tier (metadata)'];
export const SUBSCRIPTIONS_TRUTH_HEADER = ['month', 'mrr', 'customers', 'subscriptions'];

/**
 * Price lists in Toman (IRT), raised at Nowruz; a subscription keeps the price it was taken at.
 * Yearly prices are multiples of 12 so that every MRR (and every sum of them) is a whole number.
 * Family is per member (Quantity = members), monthly only.
 */
const PRICE_LISTS = [
  { name: '1402', from: [2023, 11, 1] },
  { name: '1404', from: [2025, 3, 21] }, // 1 Farvardin 1404
  { name: '1405', from: [2026, 3, 21] }, // 1 Farvardin 1405
];
const PLANS = {
  standard: { product: 'Club Membership Standard', month: [149_000, 189_000, 229_000], year: [1_440_000, 1_800_000, 2_280_000] },
  premium: { product: 'Club Membership Premium', month: [349_000, 429_000, 529_000], year: [3_360_000, 4_200_000, 5_160_000] },
  family: { product: 'Club Membership Family', month: [119_000, 149_000, 179_000], year: null },
};

/** Chance that a customer ever takes the membership, by persona. */
const JOIN = { team: 0.34, family: 0.22, fan: 0.19, player: 0.15, casual: 0.055 };
/** Chance per billing period (month, or year) of a plan change, a cancellation, a failed renewal. */
const HAZARD = {
  month: { standard: { change: 0.025, cancel: 0.055, fail: 0.03 }, premium: { change: 0.02, cancel: 0.045, fail: 0.03 },
    family: { change: 0.03, cancel: 0.04, fail: 0.025 } },
  year: { change: 0.1, cancel: 0.24, fail: 0.05 },
};
const TRIAL_DAYS = 14;
const RETRY_DAYS = 21; // Stripe's smart retries, then the subscription is cancelled (or marked unpaid)
const INCOMPLETE_SECONDS = 23 * 3600; // an incomplete subscription expires after 23 hours

const pick = (rng, pairs) => {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let r = rng() * total;
  for (const [v, w] of pairs) if ((r -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
};

/**
 * @param {object} o
 * @param {(k: number) => () => number} o.rngFor  a fresh random stream per customer index (k ≥ 0) and one for the ids (k = -1)
 * @param {number} o.startMs  Date.UTC of the window's first day (second 0 of the simulation)
 * @param {number} o.nDays    days in the window; the export is taken at its last second
 * @param {{ index: number, id: string, firstName: string, segment: string, children: number }[]} o.customers
 * @param {{ customer: number, sec: number }[]} o.orders
 */
export function simulateSubscriptions({ rngFor, startMs, nDays, customers, orders }) {
  const END = nDays * DAY - 1; // the export: 23:59:59 of the window's last day
  const dayOf = (y, m, d) => (Date.UTC(y, m - 1, d) - startMs) / 86_400_000;
  const TRIAL_FROM = dayOf(2024, 6, 1); // free trials offered from June 2024
  const FAMILY_FROM = dayOf(2024, 8, 20); // the family plan came with the football-school season
  const priceList = (day) => {
    let k = 0;
    for (let i = 0; i < PRICE_LISTS.length; i++) if (day >= dayOf(...PRICE_LISTS[i].from)) k = i;
    return k;
  };
  /** Stripe's billing cycle: the anchor's day of month, clamped to short months (31 → 28 → 31). */
  const addMonths = (anchor, months) => {
    const dt = new Date(startMs + anchor * 1000);
    const y = dt.getUTCFullYear(), m = dt.getUTCMonth() + months;
    const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const ms = Date.UTC(y, m, Math.min(dt.getUTCDate(), last), dt.getUTCHours(), dt.getUTCMinutes(), dt.getUTCSeconds());
    return (ms - startMs) / 1000;
  };
  const day = (sec) => Math.floor(sec / DAY);

  const byCustomer = customers.map(() => []);
  for (const o of orders) byCustomer[o.customer].push(o.sec);

  const subs = [];
  const plan = (tier, interval, qty, sec) => {
    const k = priceList(day(sec));
    return { tier, interval, qty, amount: PLANS[tier][interval][k], planId: `club_${tier}_${interval}ly_${PRICE_LISTS[k].name}` };
  };
  function firstPlan(rng, cust, sec) {
    if (cust.segment === 'family' && cust.children > 0 && day(sec) >= FAMILY_FROM && rng() < 0.7) {
      return plan('family', 'month', 1 + cust.children, sec);
    }
    const premium = { team: 0.6, fan: 0.3, player: 0.25, family: 0.2, casual: 0.1 }[cust.segment];
    const yearly = cust.segment === 'team' ? 0.35 : 0.2;
    return plan(rng() < premium ? 'premium' : 'standard', rng() < yearly ? 'year' : 'month', 1, sec);
  }
  /** Upgrade, downgrade, monthly ↔ yearly, or a family member more or less: a new subscription. */
  function changedPlan(rng, p, sec) {
    if (p.tier === 'family') {
      const what = pick(rng, [['up', 55], ['down', p.qty > 2 ? 30 : 0], ['premium', 15]]);
      return what === 'premium' ? plan('premium', 'month', 1, sec) : plan('family', 'month', p.qty + (what === 'up' ? 1 : -1), sec);
    }
    const options = {
      'standard/month': [[['premium', 'month'], 50], [['standard', 'year'], 30], [['premium', 'year'], 20]],
      'standard/year': [[['premium', 'year'], 70], [['standard', 'month'], 30]],
      'premium/month': [[['standard', 'month'], 55], [['premium', 'year'], 45]],
      'premium/year': [[['standard', 'year'], 60], [['premium', 'month'], 40]],
    }[`${p.tier}/${p.interval}`];
    const [tier, interval] = pick(rng, options);
    return plan(tier, interval, 1, sec);
  }

  function newSub(cust, p, created, trial) {
    const s = {
      cust, ...p, created, trialEnd: trial ? created + TRIAL_DAYS * DAY : null, status: 'active',
      periodStart: created, periodEnd: null, canceledAt: null, cancelAtPeriodEnd: false, endedAt: null,
      // The days on which the subscription brings its MRR: [payFrom, payTo), payTo null = still paying.
      payFrom: null, payTo: null,
    };
    subs.push(s);
    return s;
  }
  const end = (s, sec, status = 'canceled') => {
    s.status = status;
    s.endedAt = sec;
  };

  /** Runs one subscription to its end or to the export. Returns what the customer does next. */
  function run(rng, s) {
    if (s.trialEnd !== null) {
      s.periodEnd = s.trialEnd;
      if (rng() < 0.25) { // gives up during the trial: never pays
        const at = s.created + Math.floor((1 + rng() * (TRIAL_DAYS - 2)) * DAY);
        if (at > END) return (s.status = 'trialing', 'open');
        s.canceledAt = at;
        if (rng() < 0.5) { // cancel now
          end(s, at);
        } else { // let the trial run out
          s.cancelAtPeriodEnd = true;
          if (s.trialEnd > END) return (s.status = 'trialing', 'open');
          end(s, s.trialEnd);
        }
        return 'quit';
      }
      if (s.trialEnd > END) return (s.status = 'trialing', s.payFrom = day(s.trialEnd), 'open');
    }
    const anchor = s.trialEnd ?? s.created;
    const step = s.interval === 'year' ? 12 : 1;
    const h = s.interval === 'year' ? HAZARD.year : HAZARD.month[s.tier];
    s.payFrom = day(anchor);
    for (let k = 0; ; k++) {
      const pStart = addMonths(anchor, k * step);
      const pEnd = addMonths(anchor, (k + 1) * step);
      s.periodStart = pStart;
      s.periodEnd = pEnd;
      const r = rng();
      const at = pStart + Math.floor(rng() * (pEnd - pStart));
      if (r < h.change) {
        if (at > END) return 'open';
        s.canceledAt = at; // replaced at once by the new plan's subscription
        end(s, at);
        s.payTo = day(at);
        return 'change';
      }
      if (r < h.change + h.cancel) {
        if (at > END) return 'open';
        s.canceledAt = at;
        if (rng() < (s.interval === 'year' ? 0.9 : 0.75)) { // auto-renew switched off: ends with the paid period
          s.cancelAtPeriodEnd = true;
          s.payTo = day(pEnd);
          if (pEnd > END) return 'open'; // a scheduled cancellation: still active at the export
          end(s, pEnd);
        } else {
          end(s, at);
          s.payTo = day(at);
        }
        return 'churn';
      }
      if (r < h.change + h.cancel + h.fail && pEnd <= END) { // the renewal at pEnd fails
        const next = addMonths(anchor, (k + 2) * step);
        const retryEnd = pEnd + RETRY_DAYS * DAY;
        const o = rng();
        if (retryEnd > END) { // still retrying at the export: past_due, still counted
          s.periodStart = pEnd;
          s.periodEnd = next;
          s.status = 'past_due';
          return 'open';
        }
        if (o >= 0.5) {
          s.periodStart = pEnd;
          s.periodEnd = next;
          // Marked unpaid (kept open, MRR up to the unpaid period's start) only while that period
          // is still the current one: Stripe moves the periods of an unpaid subscription on.
          if (o >= 0.88 && next > END) {
            s.status = 'unpaid';
            s.payTo = day(pEnd);
            return 'open';
          }
          s.canceledAt = retryEnd;
          end(s, retryEnd);
          s.payTo = day(retryEnd);
          return 'failed';
        }
        // else: a retry went through; the subscription carries on
      }
      if (pEnd > END) return 'open';
    }
  }

  for (const cust of customers) {
    const rng = rngFor(cust.index);
    const own = byCustomer[cust.index];
    const factor = own.length >= 3 ? 1.3 : own.length === 2 ? 1 : 0.6;
    if (rng() >= JOIN[cust.segment] * factor) continue;
    // Taken at checkout of one of their orders (most often the first), or in the days after.
    const j = rng() < 0.5 ? 0 : Math.floor(rng() * own.length);
    let t = own[j] + Math.floor(rng() * 2 * DAY);
    let p = firstPlan(rng, cust, t);
    let signup = true;
    let first = true;
    while (t <= END) {
      if (signup && rng() < 0.04) { // the first payment fails: incomplete, then expired
        const s = newSub(cust, p, t, false);
        if (t + INCOMPLETE_SECONDS > END) {
          s.status = 'incomplete';
          s.periodEnd = addMonths(t, p.interval === 'year' ? 12 : 1);
          break;
        }
        s.periodEnd = addMonths(t, p.interval === 'year' ? 12 : 1);
        end(s, t + INCOMPLETE_SECONDS, 'incomplete_expired');
        if (rng() >= 0.6) break; // gives up
        t += 300 + Math.floor(rng() * 6 * 3600); // another card, the same day or the next
        if (t > END) break;
      }
      const trial = first && p.interval === 'month' && day(t) >= TRIAL_FROM && rng() < 0.35;
      const s = newSub(cust, p, t, trial);
      const next = run(rng, s);
      first = false;
      if (next === 'change') {
        t = s.endedAt + 30 + Math.floor(rng() * 300);
        p = changedPlan(rng, s, t);
        signup = false;
      } else if ((next === 'churn' || next === 'failed') && rng() < 0.25) { // comes back later
        t = s.endedAt + Math.floor((30 + (-Math.log(1 - rng()) * 150)) * DAY);
        p = firstPlan(rng, cust, t);
        signup = true;
      } else break;
    }
  }

  // Ids (sub_ + 14 letters and digits), newest first as the Dashboard exports them.
  subs.sort((a, b) => b.created - a.created || b.cust.index - a.cust.index);
  const idRng = rngFor(-1);
  const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const taken = new Set();
  for (const s of subs) {
    let id;
    do id = 'sub_' + Array.from({ length: 14 }, () => ALNUM[Math.floor(idRng() * ALNUM.length)]).join('');
    while (taken.has(id));
    taken.add(id);
    s.id = id;
  }

  // The truth: per calendar month, MRR paying on its last day (payFrom ≤ D < payTo).
  const truth = [];
  const origin = new Date(startMs);
  for (let m = 0; ; m++) {
    const y = origin.getUTCFullYear(), mo = origin.getUTCMonth() + m;
    const lastDay = (Date.UTC(y, mo + 1, 0) - startMs) / 86_400_000;
    if (lastDay >= nDays) break;
    let mrr = 0, count = 0;
    const payers = new Set();
    for (const s of subs) {
      if (s.payFrom === null || s.payFrom > lastDay || (s.payTo !== null && s.payTo <= lastDay)) continue;
      const value = s.interval === 'year' ? (s.amount * s.qty) / 12 : s.amount * s.qty;
      if (!Number.isInteger(value)) throw new Error(`MRR of ${s.id} is not a whole number: ${value}`);
      mrr += value;
      count++;
      payers.add(s.cust.index);
    }
    const label = new Date(Date.UTC(y, mo, 1)).toISOString().slice(0, 7);
    truth.push({ month: label, mrr, customers: payers.size, subscriptions: count });
  }
  return { subs, truth };
}

/** The export's rows (as of the window's last second) and the truth's rows. */
export function renderSubscriptions({ subs, truth }, startMs) {
  const pad2 = (n) => String(n).padStart(2, '0');
  const dt = (sec) => {
    if (sec === null) return '';
    const d = new Date(startMs + sec * 1000);
    return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  };
  const rows = subs.map((s) => [s.id, s.cust.id, s.cust.firstName, `${s.cust.firstName.toLowerCase()}.${s.cust.id.toLowerCase()}@example.com`,
    s.planId, PLANS[s.tier].product, s.qty, 'irt', s.interval, s.amount, s.status, dt(s.created), dt(s.created),
    dt(s.periodStart), dt(s.periodEnd), s.trialEnd === null ? '' : dt(s.created), dt(s.trialEnd), dt(s.canceledAt),
    s.cancelAtPeriodEnd ? 'true' : 'false', dt(s.endedAt), s.tier]);
  return { rows, truthRows: truth.map((t) => [t.month, t.mrr, t.customers, t.subscriptions]) };
}
