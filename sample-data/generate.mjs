#!/usr/bin/env node
// Seeded generator of the sample data set: an online sports shop in Iran, Nov 2023 – Oct 2026.
// Same seed → same bytes. See sample-data/README.md for what is built in and why.
//
//   node sample-data/generate.mjs [--out DIR] [--seed N]        (default out: public/sample)
//   import { generate } from './generate.mjs'; generate({ outDir, seed })

import { mkdirSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toJalaali } from 'jalaali-js';
import {
  CATEGORY_FA, CHANNEL_BEHAVIOUR, CHANNEL_FA, CITIES, CLUB_JERSEYS, CLUB_POPULARITY, COMMENTS,
  FEMALE_NAMES, KIDS_CLUB_KIT_PRICE, KIDS_KIT_CLUBS, LOCAL_CLUBS, MALE_NAMES, NATIONAL_JERSEY,
  NATIONAL_JERSEY_OLD, PREMIER_LEAGUE, PRODUCTS, SPANISH, STATUS_FA,
} from './catalog.mjs';
import { SUBSCRIPTIONS_HEADER, SUBSCRIPTIONS_TRUTH_HEADER, renderSubscriptions, simulateSubscriptions } from './subscriptions.mjs';
import { mulberry32 } from './random.mjs';

export const DEFAULT_SEED = 14020810; // 1402/08/10, the shop's first day in the Jalali calendar
export const CUSTOMER_COUNT = 12_000;
export const DEFAULT_OUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../public/sample');
export const FILES = ['customers.csv', 'responses.csv', 'orders-fa.csv', 'orders-fa-sample.csv', 'truth.csv',
  'subscriptions.csv', 'subscriptions-truth.csv', 'orders.csv'];

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2023, 10, 1); // first possible order: 2023-11-01 00:00:00 (Tehran wall time)
const END_MS = Date.UTC(2026, 10, 1); // observation ends 2026-10-31 23:59:59
const N_DAYS = (END_MS - START_MS) / DAY_MS;
const dayIndex = (y, m, d) => (Date.UTC(y, m - 1, d) - START_MS) / DAY_MS;
const APP_LAUNCH_DAY = dayIndex(2024, 3, 1); // the mobile app did not exist before
const WEBSITE_PUSH_START_DAY = dayIndex(2025, 11, 1); // "buy again directly on the website" campaign
const WEBSITE_PUSH_MAX = 0.32; // extra share of repeat orders moved to the website by the end
const NATIONAL_RELEASE_DAY = dayIndex(...NATIONAL_JERSEY.release.split('-').map(Number));
const INFLATION_PER_YEAR = 0.22; // prices are raised by the quarter
const MIN_ORDER = 300_000;
const MAX_ORDER = 15_000_000;
const SAMPLE_ROWS = 300;

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, one stream per purpose and per customer so that a change in one part
// of the simulation does not reshuffle everything else.


function subSeed(seed, stream, k) {
  let h = (seed ^ Math.imul(stream + 0x632be5ab, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const uniform1 = (rng) => 1 - rng(); // (0, 1], safe for log
const normal = (rng) => Math.sqrt(-2 * Math.log(uniform1(rng))) * Math.cos(2 * Math.PI * rng());
const exponential = (rng, rate) => -Math.log(uniform1(rng)) / rate;

/** Gamma(shape, 1) by Marsaglia–Tsang. */
function gamma(rng, shape) {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(uniform1(rng), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x, v;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform1(rng);
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

const beta = (rng, a, b) => {
  const x = gamma(rng, a);
  return x / (x + gamma(rng, b));
};

/** Pick from [[value, weight], ...]. */
function pick(rng, pairs) {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let r = rng() * total;
  for (const [v, w] of pairs) if ((r -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
}
const pickOne = (rng, list) => list[Math.floor(rng() * list.length)];
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const clampInt = (x, lo, hi) => clamp(Math.round(x), lo, hi);
const logit = (p) => Math.log(p / (1 - p));
const logistic = (x) => 1 / (1 + Math.exp(-x));
const ramp = (x, a, b) => clamp((x - a) / (b - a), 0, 1);

// ---------------------------------------------------------------------------------------------
// Calendar: per-day season signals (0..1) and, from them, per-segment intensity curves.

function buildCalendar() {
  const days = [];
  for (let d = 0; d < N_DAYS; d++) {
    const dt = new Date(START_MS + d * DAY_MS);
    const y = dt.getUTCFullYear();
    const m = dt.getUTCMonth() + 1;
    const dom = dt.getUTCDate();
    const doy = (Date.UTC(y, m - 1, dom) - Date.UTC(y, 0, 1)) / DAY_MS; // 0-based day of year
    const at = (mm, dd) => (Date.UTC(y, mm - 1, dd) - Date.UTC(y, 0, 1)) / DAY_MS;
    const lastDom = new Date(Date.UTC(y, m, 0)).getUTCDate();
    // New-season kits: released mid-July, bought from August to the end of September.
    const jersey = Math.max(0.3 * ramp(doy, at(7, 15), at(7, 31)) * (doy < at(8, 1) ? 1 : 0),
      doy >= at(8, 1) ? Math.min(ramp(doy, at(8, 1), at(8, 20)), 1 - ramp(doy, at(9, 15), at(10, 1))) : 0);
    // Football schools and the school year (1 Mehr ≈ 23 September) start.
    const school = Math.min(ramp(doy, at(8, 20), at(9, 5)), 1 - ramp(doy, at(9, 25), at(10, 10)));
    // Nowruz gifting in late Esfand, then the Nowruz holidays when little is ordered.
    const nowruz = doy < at(3, 20) ? ramp(doy, at(2, 20), at(3, 14)) : 0;
    const holiday = doy >= at(3, 20) && doy <= at(4, 2) ? 0.55 : 1;
    // Yalda night (20/21 December) gifts and the late-November "Black Friday" sales.
    const yalda = doy <= at(12, 21) ? ramp(doy, at(12, 5), at(12, 19)) : 0;
    const blackFriday = doy >= at(11, 24) && doy <= at(11, 30) ? 1 : 0;
    // The 2026 World Cup (11 June – 19 July), Iran taking part.
    const worldCup = y === 2026 ? Math.min(ramp(doy, at(5, 15), at(6, 11)), 1 - 0.7 * ramp(doy, at(7, 5), at(7, 19))) * (doy <= at(7, 25) ? 1 : 0) : 0;
    const weekday = dt.getUTCDay() === 5 ? 1.12 : dt.getUTCDay() === 6 ? 0.95 : 1; // Friday is the weekend
    days.push({ y, m, dom, lastDom, jersey, school, nowruz, holiday, yalda, blackFriday, worldCup, weekday });
  }
  return days;
}

/** Seasonal intensity of each hidden segment; used for arrivals of that segment and its repeats. */
const SEGMENT_SEASON = {
  casual: (c) => 0.7 + 0.6 * c.jersey + 1.0 * c.nowruz + 0.7 * c.yalda + 0.6 * c.blackFriday + 1.2 * c.worldCup,
  fan: (c) => 0.25 + 4.5 * c.jersey + 0.2 * c.nowruz + 0.3 * c.yalda + 0.3 * c.blackFriday + 1.8 * c.worldCup,
  family: (c) => 0.35 + 2.5 * c.school + 0.6 * c.jersey + 3.5 * c.nowruz + 1.0 * c.yalda + 0.3 * c.blackFriday + 0.8 * c.worldCup,
  player: (c) => 0.9 + 0.7 * c.jersey + 0.3 * c.nowruz + 0.2 * c.yalda + 0.5 * c.blackFriday + 0.6 * c.worldCup,
  team: (c) => 1.0 + 0.8 * c.jersey + 0.3 * c.school + 0.2 * c.nowruz,
};

/**
 * Hidden segments (personas). share: of new customers; rateMean: mean purchases per year while
 * active (Gamma with shape rateShape); dropShift: added to the logit of the channel's dropout
 * probability; hurdle: extra chance of never coming back after the first order (one-off gift
 * buyers and the like), which makes first-time buyers leave far more than repeat buyers.
 */
const SEGMENTS = {
  casual: { share: 0.42, rateMean: 3.8, rateShape: 0.9, dropShift: 0.05, hurdle: 0.38 },
  fan: { share: 0.18, rateMean: 4.0, rateShape: 1.6, dropShift: -0.35, hurdle: 0.25 },
  family: { share: 0.17, rateMean: 6.4, rateShape: 1.4, dropShift: -0.55, hurdle: 0.17 },
  player: { share: 0.19, rateMean: 6.4, rateShape: 0.9, dropShift: -0.15, hurdle: 0.29 },
  team: { share: 0.04, rateMean: 18, rateShape: 2.5, dropShift: -1.2, hurdle: 0.05 },
};
const SEGMENT_NAMES = Object.keys(SEGMENTS);

const ACQUISITION_MIX = {
  fan: { instagram: 45, mobile_app: 30, telegram: 9, website: 9, affiliate: 5, email: 2 },
  family: { website: 30, email: 17, telegram: 20, instagram: 17, mobile_app: 9, affiliate: 7 },
  player: { instagram: 30, website: 25, affiliate: 18, telegram: 12, mobile_app: 10, email: 5 },
  casual: { instagram: 35, website: 21, affiliate: 19, telegram: 12, mobile_app: 8, email: 5 },
  team: { website: 40, telegram: 30, email: 14, instagram: 10, affiliate: 6, mobile_app: 0 },
};
const SWITCH_MIX = { website: 35, mobile_app: 22, telegram: 14, instagram: 14, email: 11, affiliate: 4 };

const HOUR_WEIGHTS = [3, 2, 1, 0.5, 0.3, 0.3, 0.6, 1.2, 2, 3, 4, 4.5, 4.5, 4, 4, 4, 4.5, 5, 5.5, 6, 7, 8, 7.5, 5];

// ---------------------------------------------------------------------------------------------
// Simulation

function simulate(seed) {
  const cal = buildCalendar();
  const curves = {};
  for (const s of SEGMENT_NAMES) {
    const raw = cal.map((c) => SEGMENT_SEASON[s](c) * c.holiday);
    const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
    const curve = Float64Array.from(raw, (x) => x / mean);
    curves[s] = { curve, max: Math.max(...curve) };
  }

  // New customers: growth over the three years × the seasons of all segments together.
  const rngArrivals = mulberry32(subSeed(seed, 1, 0));
  const arrivalWeight = cal.map((c, d) => {
    const growth = 1 + 0.9 * (d / N_DAYS);
    let season = 0;
    for (const s of SEGMENT_NAMES) season += SEGMENTS[s].share * curves[s].curve[d];
    return growth * season * c.weekday;
  });
  const cum = new Float64Array(N_DAYS);
  let acc = 0;
  for (let d = 0; d < N_DAYS; d++) cum[d] = acc += arrivalWeight[d];
  const arrivals = [];
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const r = rngArrivals() * acc;
    let lo = 0, hi = N_DAYS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > r) hi = mid; else lo = mid + 1;
    }
    arrivals.push(lo * 86_400 + drawSecond(rngArrivals, cal[lo]));
  }
  arrivals.sort((a, b) => a - b);

  const customers = [];
  const orders = [];
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const rng = mulberry32(subSeed(seed, 2, i));
    const cust = makeCustomer(rng, i, arrivals[i], curves);
    simulateOrders(rng, cust, cal, curves, orders);
    customers.push(cust);
  }

  orders.sort((a, b) => a.sec - b.sec || a.customer - b.customer || a.seq - b.seq);
  orders.forEach((o, k) => (o.id = `SO-${100001 + k}`));

  const responses = makeResponses(seed, customers, orders);
  return { customers, orders, responses };
}

/** Seconds after midnight; a few orders land exactly on midnight, often on the first of a month. */
function drawSecond(rng, c) {
  const r = rng();
  if (c.dom === 1 && r < 0.015) return 0;
  if (c.dom === c.lastDom && r < 0.02) return 86_399;
  if (r > 0.9995) return 0;
  const hour = pick(rng, HOUR_WEIGHTS.map((w, h) => [h, w]));
  return hour * 3600 + Math.floor(rng() * 3600);
}

function makeCustomer(rng, index, firstSec, curves) {
  const day = Math.floor(firstSec / 86_400);
  // Who arrives depends on the season: fans in August–September, families at Nowruz and school start.
  const segment = pick(rng, SEGMENT_NAMES.map((s) => [s, SEGMENTS[s].share * curves[s].curve[day]]));
  const mix = { ...ACQUISITION_MIX[segment] };
  if (day < APP_LAUNCH_DAY) mix.mobile_app = 0;
  const channel = pick(rng, Object.entries(mix));
  const city = pick(rng, CITIES.map((x) => [x, x.share]));

  const profile = makeProfile(rng, segment);
  const platform = channel === 'mobile_app' ? 'app'
    : pick(rng, PLATFORM_MIX[channel].filter(([p]) => p !== 'app' || day >= APP_LAUNCH_DAY));

  const seg = SEGMENTS[segment];
  const ch = CHANNEL_BEHAVIOUR[channel];
  const rate = (gamma(rng, seg.rateShape) * seg.rateMean) / seg.rateShape * ch.rate * (city.city === 'Tehran' ? 1.05 : 1);
  const p0 = clamp(beta(rng, ch.a, ch.b), 0.001, 0.999);
  const dropout = clamp(logistic(logit(p0) + seg.dropShift + city.dropShift), 0.003, 0.997);
  return {
    index, id: `C${String(index + 1).padStart(5, '0')}`, firstSec, segment, channel, city, platform,
    rate, dropout, hurdle: seg.hurdle, ...profile, orderCount: 0, alive: true,
  };
}

const PLATFORM_MIX = {
  website: [['site', 60], ['mobile_web', 40]],
  email: [['site', 70], ['mobile_web', 30]],
  instagram: [['mobile_web', 70], ['app', 30]],
  telegram: [['mobile_web', 60], ['site', 25], ['app', 15]],
  affiliate: [['mobile_web', 55], ['site', 45]],
};

function marriedByAge(rng, age) {
  return rng() < logistic((age - 30) / 3.5);
}
function childrenByAge(rng, age) {
  if (age < 27) return pick(rng, [[0, 80], [1, 20]]);
  if (age < 35) return pick(rng, [[0, 35], [1, 40], [2, 22], [3, 3]]);
  return pick(rng, [[0, 15], [1, 30], [2, 40], [3, 15]]);
}
const pickClub = (rng, clubs) => pick(rng, CLUB_POPULARITY.filter(([c]) => clubs.includes(c)));
const ALL_CLUBS = CLUB_POPULARITY.map(([c]) => c);

function makeProfile(rng, segment) {
  let age, male, married, children, club;
  switch (segment) {
    case 'fan': // "Saeed, 28, single, follows a Premier League club, buys the new jersey every season"
      age = clampInt(25.5 + 3.5 * normal(rng), 19, 33);
      male = rng() < 0.88;
      married = rng() < 0.12;
      children = married && rng() < 0.2 ? 1 : 0;
      club = pickClub(rng, pick(rng, [[PREMIER_LEAGUE, 65], [SPANISH, 20], [LOCAL_CLUBS, 15]]));
      break;
    case 'family': // "Ali and Nazanin, 34, two children at football school"
      age = clampInt(37 + 4 * normal(rng), 30, 46);
      male = rng() < 0.55;
      married = true;
      children = pick(rng, [[1, 25], [2, 55], [3, 20]]);
      club = rng() < 0.1 ? 'none' : pickClub(rng, pick(rng, [[LOCAL_CLUBS, 50], [SPANISH, 25], [PREMIER_LEAGUE, 15]]));
      break;
    case 'player':
      age = clampInt(23 + 6 * normal(rng), 16, 40);
      male = rng() < 0.93;
      married = marriedByAge(rng, age);
      children = married ? childrenByAge(rng, age) : 0;
      club = rng() < 0.2 ? 'none' : pickClub(rng, ALL_CLUBS);
      break;
    case 'team': // coaches and managers of amateur teams and football schools
      age = clampInt(36 + 7 * normal(rng), 24, 58);
      male = rng() < 0.96;
      married = marriedByAge(rng, age);
      children = married ? childrenByAge(rng, age) : 0;
      club = rng() < 0.45 ? 'none' : pickClub(rng, ALL_CLUBS);
      break;
    default: // casual buyers and gift buyers of all ages
      age = clampInt(34 + 11 * normal(rng), 16, 65);
      male = rng() < 0.62;
      married = marriedByAge(rng, age);
      children = married ? childrenByAge(rng, age) : 0;
      club = rng() < 0.3 ? 'none' : pickClub(rng, ALL_CLUBS);
  }
  // Each child supports a club of its own, different from its siblings' where possible.
  const kidsClubs = [];
  for (let k = 0; k < children; k++) {
    const left = KIDS_KIT_CLUBS.filter((x) => !kidsClubs.includes(x));
    kidsClubs.push(pickClub(rng, left.length ? left : KIDS_KIT_CLUBS));
  }
  return {
    firstName: pickOne(rng, male ? MALE_NAMES : FEMALE_NAMES), age, gender: male ? 'male' : 'female',
    married, children, club, kidsClubs,
  };
}

/** BG/NBD-like: after every purchase the customer drops out with probability p; while active,
 * purchases follow a Poisson process whose rate follows the segment's seasons (thinning). */
function simulateOrders(rng, cust, cal, curves, out) {
  const { curve, max } = curves[cust.segment];
  const ratePerDay = cust.rate / 365;
  let sec = cust.firstSec;
  let last = addOrder(rng, cust, cal, sec, false, out);
  sec = maybeSameDayOrder(rng, cust, cal, sec, out);
  let t = sec / 86_400;
  for (;;) {
    // A refund or a cancellation makes leaving more likely.
    const hit = last.status === 'completed' ? 0 : last.status === 'partially_refunded' ? 0.15 : 0.35;
    const stay = (1 - cust.dropout) * (1 - hit) * (last.seq === 0 ? 1 - cust.hurdle : 1);
    if (rng() >= stay) {
      cust.alive = false;
      break;
    }
    let day;
    for (;;) {
      t += exponential(rng, ratePerDay * max);
      day = Math.floor(t);
      if (day >= N_DAYS || rng() * max < curve[day]) break;
    }
    if (day >= N_DAYS) break;
    let next = day * 86_400 + drawSecond(rng, cal[day]);
    if (next <= sec) next = sec + 600 + Math.floor(rng() * 7200); // same day, after the previous one
    if (next >= N_DAYS * 86_400) break;
    sec = next;
    t = Math.max(t, sec / 86_400);
    last = addOrder(rng, cust, cal, sec, false, out);
    sec = maybeSameDayOrder(rng, cust, cal, sec, out);
  }
}

/** Now and then a second order on the same day: a forgotten item. Returns the latest order time. */
function maybeSameDayOrder(rng, cust, cal, sec, out) {
  if (rng() >= (cust.segment === 'team' ? 0.03 : 0.012)) return sec;
  const extra = sec + 900 + Math.floor(rng() * 10_800);
  if (Math.floor(extra / 86_400) !== Math.floor(sec / 86_400)) return sec;
  addOrder(rng, cust, cal, extra, true, out);
  return extra;
}

function addOrder(rng, cust, cal, sec, extra, out) {
  const day = Math.floor(sec / 86_400);
  const c = cal[day];
  const k = cust.orderCount++;
  const item = chooseItem(rng, cust, c, day, k, extra);
  const channel = k === 0 ? cust.channel : orderChannel(rng, cust, day);

  // Gifts (Nowruz, Yalda) are often sent to relatives in another city.
  const giftSeason = c.nowruz > 0.3 || c.yalda > 0.3;
  const giftProb = giftSeason ? (cust.segment === 'family' ? 0.3 : 0.12) : 0.03;
  const city = k > 0 && rng() < giftProb ? pick(rng, CITIES.filter((x) => x !== cust.city).map((x) => [x, x.share])) : cust.city;

  const infl = Math.pow(1 + INFLATION_PER_YEAR, (Math.floor(day / 91) * 91) / 365);
  const unit = shopPrice(item.base * infl);
  const discountRate = (() => {
    const p = c.blackFriday ? 0.5 : channel === 'email' ? 0.25 : 0.1;
    return rng() < p ? pick(rng, [[0.1, 3], [0.15, 1]]) : 0;
  })();
  const shipping = Math.round((65_000 * infl) / 5000) * 5000;
  const freeShipping = 1_500_000 * infl;
  // The order total: items − coupon (only on bigger baskets) + shipping (free above a threshold).
  const total = (q) => {
    const items = unit * q;
    const paidItems = items - (items >= 1_000_000 ? Math.round((items * discountRate) / 1000) * 1000 : 0);
    return { paidItems, amount: paidItems + (items < freeShipping ? shipping : 0) };
  };
  let qty = item.qty;
  while (total(qty).amount > MAX_ORDER && qty > 1) qty--;
  while (total(qty).amount < MIN_ORDER && qty < 4) qty++;
  const { paidItems, amount } = total(qty);

  // About 3% refunded, 2% partly refunded, 1.5% cancelled; boots and jerseys (sizes) more often.
  const risk = { boots: 1.45, jersey: 1.1, kids: 1.0, ball: 0.75, accessories: 0.55 }[item.category];
  const r = rng();
  let status = 'completed', refunded = 0;
  if (r < 0.015) status = 'cancelled';
  else if (r < 0.015 + 0.031 * risk) { status = 'refunded'; refunded = amount; }
  else if (r < 0.015 + 0.051 * risk) {
    status = 'partially_refunded';
    // One item sent back, or (single item) a price adjustment for a flaw or a late delivery.
    refunded = qty > 1 ? Math.round(paidItems / qty / 1000) * 1000 : Math.round((amount * (0.15 + 0.3 * rng())) / 1000) * 1000;
    refunded = clamp(refunded, 1000, amount - 1000);
  }
  const order = {
    customer: cust.index, seq: k, sec, product: item.product, category: item.category, qty, amount,
    status, refunded, channel, city,
  };
  out.push(order);
  return order;
}

/** Prices end in …40,000 or …90,000 like a shop's price list. */
const shopPrice = (x) => Math.max(200_000, Math.round(x / 50_000) * 50_000 - 10_000);

function orderChannel(rng, cust, day) {
  const push = day < WEBSITE_PUSH_START_DAY ? 0 : WEBSITE_PUSH_MAX * ((day - WEBSITE_PUSH_START_DAY) / (N_DAYS - WEBSITE_PUSH_START_DAY));
  if (rng() < push) return 'website';
  const keep = cust.segment === 'team' ? 0.92 : 0.78;
  if (rng() < keep) return cust.channel;
  const mix = Object.entries(SWITCH_MIX).filter(([ch]) => ch !== 'mobile_app' || day >= APP_LAUNCH_DAY);
  return pick(rng, mix);
}

const seasonYear = (c) => (c.m > 7 || (c.m === 7 && c.dom >= 15) ? c.y : c.y - 1);

function jersey(rng, club, c) {
  const j = CLUB_JERSEYS[club];
  const kit = j.kits.length > 1 && rng() < 0.3 ? j.kits[1] : j.kits[0];
  const name = j.seasonal ? `${club} ${kit} Jersey ${seasonYear(c)}` : `${club} ${kit} Jersey`;
  return { product: name, category: 'jersey', base: j.price };
}
function nationalJersey(day) {
  return day >= NATIONAL_RELEASE_DAY
    ? { product: NATIONAL_JERSEY.name, category: 'jersey', base: NATIONAL_JERSEY.price }
    : { product: NATIONAL_JERSEY_OLD.name, category: 'jersey', base: NATIONAL_JERSEY_OLD.price };
}
function fromCategory(rng, category, names) {
  const list = names ? PRODUCTS[category].filter(([n]) => names.includes(n)) : PRODUCTS[category];
  const [product, base] = pick(rng, list.map((p) => [p, p[2]]));
  return { product, category, base };
}
const defaultQty = (rng) => pick(rng, [[1, 80], [2, 14], [3, 4.5], [4, 1.5]]);

/** What an order is about: depends on the persona, the season and the order's place in the history. */
function chooseItem(rng, cust, c, day, k, extra) {
  const anyClub = () => (cust.club !== 'none' && rng() < 0.65 ? cust.club : pick(rng, CLUB_POPULARITY));
  const ownJersey = () => jersey(rng, anyClub(), c);
  const withQty = (item, qty) => ({ ...item, qty });
  const worldCup = c.worldCup > 0.2 && day >= NATIONAL_RELEASE_DAY;

  if (extra) {
    const cat = pick(rng, [['accessories', 75], ['ball', 15], [cust.children ? 'kids' : 'accessories', 10]]);
    return withQty(fromCategory(rng, cat), 1);
  }
  switch (cust.segment) {
    case 'fan': {
      if (worldCup && rng() < 0.45) return withQty(nationalJersey(day), 1);
      const inSeason = c.jersey > 0.2 || k === 0;
      const what = inSeason
        ? pick(rng, [['own', 75], ['other', 10], ['acc', 15]])
        : pick(rng, [['own', 35], ['other', 15], ['acc', 25], ['ball', 10], ['boots', 15]]);
      if (what === 'own') return withQty(jersey(rng, cust.club, c), rng() < 0.9 ? 1 : 2);
      if (what === 'other') return withQty(jersey(rng, pick(rng, CLUB_POPULARITY), c), 1);
      if (what === 'acc') return withQty(fromCategory(rng, 'accessories', ['Club Scarf', 'Fan Pack (Scarf, Cap)', 'Sports Socks 3-pack', 'Water Bottle']), 1);
      return withQty(fromCategory(rng, what), 1);
    }
    case 'family': {
      const kids = Math.max(1, cust.children);
      const kidsItem = () => {
        const kind = pick(rng, [['school', 50], ['club', 35], ['boots', 15]]);
        if (kind === 'club') {
          const club = pickOne(rng, cust.kidsClubs.length ? cust.kidsClubs : KIDS_KIT_CLUBS);
          return withQty({ product: `Kids ${club} Home Kit`, category: 'kids', base: KIDS_CLUB_KIT_PRICE }, kids);
        }
        return withQty(fromCategory(rng, 'kids', [kind === 'school' ? 'Kids Football School Kit' : 'Kids Boots']), kids);
      };
      if (worldCup && rng() < 0.35) return withQty(nationalJersey(day), clampInt(1 + kids * rng() + rng(), 2, 4));
      if (c.nowruz > 0.2) { // gifts, also for the grandparents
        const what = pick(rng, [['gift', 50], ['kids', 30], ['acc', 20]]);
        if (what === 'gift') return withQty(ownJersey(), pick(rng, [[2, 45], [3, 35], [4, 20]]));
        if (what === 'kids') return kidsItem();
        return withQty(fromCategory(rng, 'accessories'), pick(rng, [[1, 40], [2, 40], [3, 20]]));
      }
      const school = c.school > 0.2 || c.jersey > 0.2;
      const what = school
        ? pick(rng, [['kids', 65], ['jersey', 20], ['ball', 15]])
        : pick(rng, [['kids', 40], ['jersey', 30], ['ball', 15], ['acc', 15]]);
      if (what === 'kids') return kidsItem();
      if (what === 'jersey') return withQty(ownJersey(), clampInt(1 + rng() * kids, 1, 3));
      if (what === 'ball') return withQty(fromCategory(rng, 'ball'), 1);
      return withQty(fromCategory(rng, 'accessories'), defaultQty(rng));
    }
    case 'player': {
      if (worldCup && rng() < 0.2) return withQty(nationalJersey(day), 1);
      const what = pick(rng, [['boots', 35], ['ball', 20], ['accessories', 35], ['jersey', 10]]);
      if (what === 'jersey') return withQty(ownJersey(), 1);
      return withQty(fromCategory(rng, what), what === 'boots' ? 1 : defaultQty(rng));
    }
    case 'team': {
      const what = pick(rng, [['ball', 35], ['jersey', 25], ['accessories', 30], ['boots', 10]]);
      if (what === 'jersey') return withQty(ownJersey(), 4);
      if (what === 'boots') return withQty(fromCategory(rng, 'boots'), pick(rng, [[1, 60], [2, 40]]));
      if (what === 'ball') return withQty(fromCategory(rng, 'ball', ['Match Ball Pro', 'Training Ball', 'Futsal Ball']), pick(rng, [[3, 40], [4, 60]]));
      return withQty(fromCategory(rng, 'accessories', ['Shin Guards', 'Sports Socks 3-pack', 'Water Bottle', 'Goalkeeper Gloves', 'Sports Bag']), 4);
    }
    default: {
      if (worldCup && rng() < 0.4) return withQty(nationalJersey(day), defaultQty(rng));
      if (c.nowruz > 0.2 || c.yalda > 0.3) {
        if (rng() < 0.55) return withQty(ownJersey(), pick(rng, [[1, 50], [2, 35], [3, 15]]));
      }
      const what = pick(rng, [['jersey', 40], ['accessories', 25], ['ball', 15], ['boots', 12], ['kids', 8]]);
      if (what === 'jersey') return withQty(rng() < 0.05 ? nationalJersey(day) : ownJersey(), defaultQty(rng));
      if (what === 'boots') return withQty(fromCategory(rng, 'boots'), 1);
      return withQty(fromCategory(rng, what), defaultQty(rng));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// NPS survey: sent a few days after an order; about 30% of customers answer once.

function makeResponses(seed, customers, orders) {
  const byCustomer = customers.map(() => []);
  for (const o of orders) byCustomer[o.customer].push(o);
  const out = [];
  for (const cust of customers) {
    const rng = mulberry32(subSeed(seed, 3, cust.index));
    const own = byCustomer[cust.index];
    if (rng() >= 0.26 + 0.03 * Math.min(own.length - 1, 4)) continue;
    const delay = 86_400 * (1 + Math.floor(rng() * 9)); // days after the order
    const eligible = own.filter((o) => o.sec + delay + 86_400 < N_DAYS * 86_400);
    if (!eligible.length) continue;
    const order = pickOne(rng, eligible);
    const day = Math.floor((order.sec + delay) / 86_400);
    const sec = day * 86_400 + 8 * 3600 + Math.floor(rng() * 15 * 3600);
    // Satisfaction mirrors loyalty: customers likely to drop out are more often detractors.
    const loyalty = clamp(-logit(1 - (1 - cust.dropout) * (1 - cust.hurdle)), -3, 3);
    const bad = order.status === 'completed' ? 0 : order.status === 'partially_refunded' ? 1.2 : 2.5;
    const score = clampInt(8.3 + 0.95 * loyalty - bad + 1.5 * normal(rng), 0, 10);
    const band = score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
    const comment = rng() < (band === 'passive' ? 0.15 : 0.3) ? pickOne(rng, COMMENTS[band]) : '';
    out.push({ customer: cust, sec, score, comment });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Output

const pad2 = (n) => String(n).padStart(2, '0');
function splitSec(sec) {
  const dt = new Date(START_MS + sec * 1000);
  return {
    y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate(),
    hh: pad2(dt.getUTCHours()), mi: pad2(dt.getUTCMinutes()), ss: pad2(dt.getUTCSeconds()),
  };
}
const isoDate = ({ y, m, d }) => `${y}-${pad2(m)}-${pad2(d)}`;
const isoDateTime = (sec) => {
  const p = splitSec(sec);
  return `${isoDate(p)} ${p.hh}:${p.mi}:${p.ss}`;
};
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const faDigits = (s) => String(s).replace(/[0-9]/g, (d) => PERSIAN_DIGITS[d]);
const faAmount = (n) => faDigits(String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '٬'));
function jalaliDateTime(sec) {
  const p = splitSec(sec);
  const { jy, jm, jd } = toJalaali(p.y, p.m, p.d);
  return faDigits(`${jy}/${pad2(jm)}/${pad2(jd)} ${p.hh}:${p.mi}:${p.ss}`);
}

function csvField(v) {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csv = (header, rows) => [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';

const ORDERS_HEADER = ['order_id', 'customer_id', 'order_date', 'amount', 'currency', 'status', 'refunded_amount',
  'product', 'category', 'quantity', 'channel', 'city', 'region', 'country'];
const ORDERS_FA_HEADER = ['شماره سفارش', 'کد مشتری', 'تاریخ سفارش', 'مبلغ (تومان)', 'وضعیت', 'مبلغ مسترد (تومان)',
  'محصول', 'دسته', 'تعداد', 'کانال', 'شهر', 'استان', 'کشور'];
const CUSTOMERS_HEADER = ['customer_id', 'first_name', 'age', 'gender', 'marital_status', 'children', 'city', 'platform',
  'signup_channel', 'favourite_club', 'signup_date'];
const RESPONSES_HEADER = ['customer_id', 'responded_at', 'score', 'comment'];
const TRUTH_HEADER = ['customer_id', 'segment', 'purchase_rate_per_year', 'first_dropout_probability', 'dropout_probability',
  'orders', 'active_at_end'];

function renderFiles({ customers, orders, responses, subscriptions }) {
  const cid = (o) => customers[o.customer].id;
  const en = orders.map((o) => [o.id, cid(o), isoDateTime(o.sec), o.amount, 'IRT', o.status, o.refunded, o.product,
    o.category, o.qty, o.channel, o.city.city, o.city.region, 'IR']);
  const fa = orders.map((o) => [o.id, cid(o), jalaliDateTime(o.sec), faAmount(o.amount), STATUS_FA[o.status],
    faAmount(o.refunded), o.product, CATEGORY_FA[o.category], faDigits(o.qty), CHANNEL_FA[o.channel], o.city.fa,
    o.city.regionFa, 'ایران']);
  const cust = customers.map((c) => [c.id, c.firstName, c.age, c.gender, c.married ? 'married' : 'single', c.children,
    c.city.city, c.platform, c.channel, c.club, isoDate(splitSec(c.firstSec))]);
  const resp = responses.map((r) => [r.customer.id, isoDateTime(r.sec), r.score, r.comment]);
  const truth = customers.map((c) => [c.id, c.segment, c.rate.toFixed(3),
    (1 - (1 - c.dropout) * (1 - c.hurdle)).toFixed(4), c.dropout.toFixed(4), c.orderCount, c.alive ? 1 : 0]);
  const subs = renderSubscriptions(subscriptions, START_MS);
  const BOM = '\uFEFF';
  return {
    'customers.csv': csv(CUSTOMERS_HEADER, cust),
    'responses.csv': csv(RESPONSES_HEADER, resp),
    'orders-fa.csv': BOM + csv(ORDERS_FA_HEADER, fa),
    'orders-fa-sample.csv': BOM + csv(ORDERS_FA_HEADER, fa.slice(0, SAMPLE_ROWS)),
    'truth.csv': csv(TRUTH_HEADER, truth),
    'subscriptions.csv': csv(SUBSCRIPTIONS_HEADER, subs.rows),
    'subscriptions-truth.csv': csv(SUBSCRIPTIONS_TRUTH_HEADER, subs.truthRows),
    'orders.csv': csv(ORDERS_HEADER, en), // written last: ensure.mjs treats it as "generation finished"
  };
}

/**
 * Generates the sample data set into outDir (default public/sample).
 * @param {{ outDir?: string, seed?: number }} [options]
 */
export function generate({ outDir = DEFAULT_OUT_DIR, seed = DEFAULT_SEED } = {}) {
  const t0 = performance.now();
  const data = simulate(seed >>> 0);
  // The club membership: its own random streams (4 per customer, 5 for the ids), so that it
  // changes nothing in the other files.
  data.subscriptions = simulateSubscriptions({
    rngFor: (k) => mulberry32(k < 0 ? subSeed(seed >>> 0, 5, 0) : subSeed(seed >>> 0, 4, k)),
    startMs: START_MS, nDays: N_DAYS, customers: data.customers, orders: data.orders,
  });
  const files = renderFiles(data);
  mkdirSync(outDir, { recursive: true });
  for (const name of FILES) {
    const tmp = join(outDir, `.${name}.tmp`);
    writeFileSync(tmp, files[name]);
    renameSync(tmp, join(outDir, name));
  }
  return {
    outDir, seed, customers: data.customers.length, orders: data.orders.length,
    responses: data.responses.length, subscriptions: data.subscriptions.subs.length, ms: Math.round(performance.now() - t0),
  };
}

function main(argv) {
  const opt = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') opt.outDir = resolve(argv[++i]);
    else if (argv[i] === '--seed') {
      opt.seed = Number(argv[++i]);
      if (!Number.isSafeInteger(opt.seed)) throw new Error('--seed needs an integer');
    }
    else throw new Error(`unknown argument ${argv[i]} (use --out DIR, --seed N)`);
  }
  const r = generate(opt);
  console.log(`sample data: ${r.customers} customers, ${r.orders} orders, ${r.responses} responses, ${r.subscriptions} subscriptions (seed ${r.seed}, ${r.ms} ms) → ${r.outDir}`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
