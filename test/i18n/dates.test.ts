/**
 * Days and periods for display (src/i18n/dates.ts) in English, Persian and Arabic, Gregorian and
 * Jalali, Latin and native digits; typed days back to ISO; and the Jalali month grid helpers of the
 * date picker (src/i18n/jalali-grid.ts), checked against jalaali-js at the year boundaries.
 */
import { describe, expect, it } from 'vitest';
import { toGregorian, toJalaali, jalaaliMonthLength, isLeapJalaaliYear } from 'jalaali-js';
import { fmtDay, fmtPeriod, parseDay, isoOfJalali, jalaliMonthLength, latinDigits, monthName, JALALI_MONTHS } from '../../src/i18n/dates';
import {
  addDays, addJalaliMonths, clampDay, endOfWeek, jalaliMonthEnd, jalaliMonthGrid, jalaliMonthStart, jalaliOf, outOfRange,
  readJalali, startOfWeek, todayIso, weekdayFromSaturday,
} from '../../src/i18n/jalali-grid';
import { translate } from '../../src/i18n/t';
import dates from '../../src/i18n/messages/dates';

const G = { calendar: 'gregorian' } as const;
const J = { calendar: 'jalali' } as const;

describe('fmtDay', () => {
  it('English Gregorian short stays ISO; long names the month', () => {
    expect(fmtDay('2024-03-20', { ...G, lang: 'en', digits: 'latn' })).toBe('2024-03-20');
    expect(fmtDay('2024-03-20', { ...G, lang: 'en', digits: 'latn', style: 'long' })).toBe('20 March 2024');
  });
  it('Jalali in every language, both digit sets', () => {
    expect(fmtDay('2024-03-20', { ...J, lang: 'en', digits: 'latn' })).toBe('1403/01/01');
    expect(fmtDay('2024-03-20', { ...J, lang: 'fa', digits: 'native' })).toBe('۱۴۰۳/۰۱/۰۱');
    expect(fmtDay('2024-03-20', { ...J, lang: 'fa', digits: 'latn' })).toBe('1403/01/01');
    expect(fmtDay('2024-03-20', { ...J, lang: 'ar', digits: 'native' })).toBe('١٤٠٣/٠١/٠١');
    expect(fmtDay('2024-03-20', { ...J, lang: 'fa', digits: 'native', style: 'long' })).toBe('۱ فروردین ۱۴۰۳');
    expect(fmtDay('2024-03-20', { ...J, lang: 'ar', digits: 'native', style: 'long' })).toBe('١ فروردين ١٤٠٣');
    expect(fmtDay('2024-03-20', { ...J, lang: 'en', digits: 'latn', style: 'long' })).toBe('1 Farvardin 1403');
  });
  it('Gregorian in Persian and Arabic: slashes, local digits, Intl month names', () => {
    expect(fmtDay('2024-03-20', { ...G, lang: 'fa', digits: 'native' })).toBe('۲۰۲۴/۰۳/۲۰');
    expect(fmtDay('2024-03-20', { ...G, lang: 'ar', digits: 'native' })).toBe('٢٠٢٤/٠٣/٢٠');
    expect(fmtDay('2024-03-20', { ...G, lang: 'ar', digits: 'latn' })).toBe('2024/03/20');
    const faLong = fmtDay('2024-03-20', { ...G, lang: 'fa', digits: 'native', style: 'long' });
    expect(faLong).toContain(monthName(3, 'gregorian', 'fa'));
    expect(faLong).toMatch(/^۲۰ .+ ۲۰۲۴$/);
  });
  it('epoch ms (read in UTC), empty and unparseable values', () => {
    expect(fmtDay(Date.UTC(2025, 2, 21, 23, 30), { ...J, lang: 'en', digits: 'latn' })).toBe('1404/01/01');
    expect(fmtDay(null)).toBe('—');
    expect(fmtDay('')).toBe('—');
    expect(fmtDay(Number.NaN)).toBe('—');
    expect(fmtDay('not a date')).toBe('not a date');
  });
});

describe('fmtPeriod', () => {
  it('months', () => {
    expect(fmtPeriod('2024-03', { ...G, lang: 'en', digits: 'latn' })).toBe('2024-03');
    expect(fmtPeriod('1403-01', { ...J, lang: 'fa', digits: 'native' })).toBe('فروردین ۱۴۰۳');
    expect(fmtPeriod('1403-12', { ...J, lang: 'ar', digits: 'native' })).toBe('إسفند ١٤٠٣');
    expect(fmtPeriod('1403-12', { ...J, lang: 'en', digits: 'latn' })).toBe('Esfand 1403');
    expect(fmtPeriod('2024-03', { ...G, lang: 'fa', digits: 'latn' })).toBe(`${monthName(3, 'gregorian', 'fa')} 2024`);
  });
  it('quarters, weeks, years, week-start days', () => {
    expect(fmtPeriod('2024-Q1', { ...G, lang: 'en', digits: 'latn' })).toBe('2024-Q1');
    expect(fmtPeriod('1403-Q2', { ...J, lang: 'fa', digits: 'native' })).toBe('فصل ۲ ۱۴۰۳');
    expect(fmtPeriod('2024-Q1', { ...G, lang: 'ar', digits: 'native' })).toBe('الربع ١ ٢٠٢٤');
    expect(fmtPeriod('2024-W09', { ...G, lang: 'fa', digits: 'latn' })).toBe('هفته 9 2024');
    expect(fmtPeriod('2024-W09', { ...G, lang: 'ar', digits: 'native' })).toBe('الأسبوع ٩ ٢٠٢٤');
    expect(fmtPeriod('1403', { ...J, lang: 'fa', digits: 'native' })).toBe('۱۴۰۳');
    // A Jalali week's start is a Jalali day already; a Gregorian day label is converted.
    expect(fmtPeriod('1403-01-04', { ...J, lang: 'fa', digits: 'native' })).toBe('۱۴۰۳/۰۱/۰۴');
    expect(fmtPeriod('2024-03-23', { ...J, lang: 'en', digits: 'latn' })).toBe('1403/01/04');
    expect(fmtPeriod('Other', { lang: 'fa' })).toBe('Other');
    expect(fmtPeriod(null)).toBe('—');
  });
});

describe('parseDay', () => {
  it('Gregorian: ISO, slashes, dots, any digits; impossible days rejected', () => {
    expect(parseDay('2024-03-20', 'gregorian')).toBe('2024-03-20');
    expect(parseDay('2024/3/5', 'gregorian')).toBe('2024-03-05');
    expect(parseDay('2024.03.20', 'gregorian')).toBe('2024-03-20');
    expect(parseDay('۲۰۲۴/۰۲/۲۹', 'gregorian')).toBe('2024-02-29');
    expect(parseDay('٢٠٢٤-٠٣-٢٠', 'gregorian')).toBe('2024-03-20');
    expect(parseDay('2023-02-29', 'gregorian')).toBeNull();
    expect(parseDay('2024-13-01', 'gregorian')).toBeNull();
    expect(parseDay('20 March 2024', 'gregorian')).toBeNull();
  });
  it('Jalali: Persian, Arabic-Indic and Latin digits with / - . separators', () => {
    expect(parseDay('۱۴۰۳/۰۱/۰۱', 'jalali')).toBe('2024-03-20');
    expect(parseDay('١٤٠٣/٠١/٠١', 'jalali')).toBe('2024-03-20');
    expect(parseDay('1403-1-1', 'jalali')).toBe('2024-03-20');
    expect(parseDay(' 1403.01.01 ', 'jalali')).toBe('2024-03-20');
    expect(parseDay('۱۴۰۳/12/30', 'jalali')).toBe('2025-03-20');
  });
  it('Jalali: days that do not exist', () => {
    expect(parseDay('1402/12/30', 'jalali')).toBeNull();
    expect(parseDay('۱۴۰۲/۱۲/۳۰', 'jalali')).toBeNull();
    expect(parseDay('1403/07/31', 'jalali')).toBeNull();
    expect(parseDay('1403/13/01', 'jalali')).toBeNull();
    expect(parseDay('1403/01/00', 'jalali')).toBeNull();
  });
  it('round-trips with fmtDay in every language and digits', () => {
    for (const iso of ['2024-03-19', '2024-03-20', '2025-03-20', '2025-03-21', '2024-12-31']) {
      for (const lang of ['en', 'fa', 'ar'] as const) {
        for (const digits of ['latn', 'native'] as const) {
          expect(parseDay(fmtDay(iso, { ...J, lang, digits }), 'jalali')).toBe(iso);
          expect(parseDay(fmtDay(iso, { ...G, lang, digits }), 'gregorian')).toBe(iso);
        }
      }
    }
  });
  it('latinDigits', () => {
    expect(latinDigits('۱۴۰۳/٠١/15')).toBe('1403/01/15');
  });
});

describe('Jalali month boundaries against jalaali-js', () => {
  it('1403 is a leap year: Esfand has 30 days; 1402 Esfand has 29', () => {
    expect(isLeapJalaaliYear(1403)).toBe(true);
    expect(isLeapJalaaliYear(1402)).toBe(false);
    expect(jalaliMonthLength(1403, 12)).toBe(30);
    expect(jalaliMonthLength(1402, 12)).toBe(29);
    expect(isoOfJalali(1403, 12, 30)).toBe('2025-03-20');
    expect(isoOfJalali(1402, 12, 29)).toBe('2024-03-19');
    expect(isoOfJalali(1402, 12, 30)).toBeNull();
    expect(isoOfJalali(1403, 1, 1)).toBe('2024-03-20');
    expect(isoOfJalali(1404, 1, 1)).toBe('2025-03-21');
  });
  it('every day of 1402–1404 converts both ways as jalaali-js does', () => {
    for (let jy = 1402; jy <= 1404; jy++) {
      for (let jm = 1; jm <= 12; jm++) {
        expect(jalaliMonthLength(jy, jm)).toBe(jalaaliMonthLength(jy, jm));
        for (let jd = 1; jd <= jalaaliMonthLength(jy, jm); jd++) {
          const g = toGregorian(jy, jm, jd);
          const iso = `${g.gy}-${String(g.gm).padStart(2, '0')}-${String(g.gd).padStart(2, '0')}`;
          expect(isoOfJalali(jy, jm, jd)).toBe(iso);
          expect(jalaliOf(iso)).toEqual({ jy, jm, jd });
          expect(fmtDay(iso, { ...J, lang: 'en', digits: 'latn' })).toBe(`${jy}/${String(jm).padStart(2, '0')}/${String(jd).padStart(2, '0')}`);
        }
      }
    }
    expect(toJalaali(2025, 3, 20)).toEqual({ jy: 1403, jm: 12, jd: 30 });
  });
});

describe('the month grid (jalali-grid.ts)', () => {
  it('Farvardin 1403: weeks start on Saturday; 1 Farvardin 1403 was a Wednesday', () => {
    const weeks = jalaliMonthGrid(1403, 1);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks.every((w) => weekdayFromSaturday(w[0].iso) === 0)).toBe(true);
    const days = weeks.flat().filter((d) => d.inMonth);
    expect(days.length).toBe(31);
    expect(days[0]).toEqual({ iso: '2024-03-20', jy: 1403, jm: 1, jd: 1, inMonth: true });
    expect(weeks[0].findIndex((d) => d.inMonth)).toBe(4); // Sa Su Mo Tu [We]
    expect(weeks[0][0]).toMatchObject({ iso: '2024-03-16', jy: 1402, jm: 12, jd: 26, inMonth: false });
    // Consecutive days, no gaps.
    const all = weeks.flat();
    all.slice(1).forEach((d, i) => expect(d.iso).toBe(addDays(all[i].iso, 1)));
  });
  it('Esfand: 30 days in 1403, 29 in 1402', () => {
    expect(jalaliMonthGrid(1403, 12).flat().filter((d) => d.inMonth).length).toBe(30);
    expect(jalaliMonthGrid(1402, 12).flat().filter((d) => d.inMonth).length).toBe(29);
    const last = jalaliMonthGrid(1402, 12).flat().filter((d) => d.inMonth).at(-1)!;
    expect(last.iso).toBe('2024-03-19');
    expect(() => jalaliMonthGrid(1403, 13)).toThrow(RangeError);
  });
  it('day, week and month steps', () => {
    expect(addDays('2024-03-19', 1)).toBe('2024-03-20');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(weekdayFromSaturday('2024-03-16')).toBe(0); // Saturday
    expect(weekdayFromSaturday('2024-03-22')).toBe(6); // Friday
    expect(startOfWeek('2024-03-20')).toBe('2024-03-16');
    expect(endOfWeek('2024-03-20')).toBe('2024-03-22');
    expect(startOfWeek('2024-03-16')).toBe('2024-03-16');
    expect(addJalaliMonths(isoOfJalali(1403, 6, 31)!, 1)).toBe(isoOfJalali(1403, 7, 30)); // Mehr has 30 days
    expect(addJalaliMonths(isoOfJalali(1403, 12, 30)!, 12)).toBe(isoOfJalali(1404, 12, 29)); // 1404 is common
    expect(addJalaliMonths(isoOfJalali(1403, 1, 15)!, -1)).toBe(isoOfJalali(1402, 12, 15));
    expect(addJalaliMonths(isoOfJalali(1402, 12, 29)!, 1)).toBe('2024-04-17'); // 1403/01/29
    expect(jalaliMonthStart('2024-04-05')).toBe('2024-03-20');
    expect(jalaliMonthEnd('2024-03-05')).toBe('2024-03-19');
  });
  it('ranges and today', () => {
    expect(clampDay('2024-03-01', '2024-03-10', '2024-03-20')).toBe('2024-03-10');
    expect(clampDay('2024-03-25', '2024-03-10', '2024-03-20')).toBe('2024-03-20');
    expect(clampDay('2024-03-15')).toBe('2024-03-15');
    expect(outOfRange('2024-03-09', '2024-03-10')).toBe(true);
    expect(outOfRange('2024-03-10', '2024-03-10', '2024-03-10')).toBe(false);
    expect(outOfRange('2024-03-11', undefined, '2024-03-10')).toBe(true);
    expect(todayIso(new Date(2024, 2, 20, 0, 30))).toBe('2024-03-20'); // local time, not UTC
  });
});

describe('readJalali: typed Jalali dates and why they do not exist', () => {
  it('reads any digits and separators, and compact 8 digits', () => {
    expect(readJalali('۱۴۰۳/۰۱/۰۱')).toEqual({ ok: true, iso: '2024-03-20' });
    expect(readJalali('١٤٠٣-١-١')).toEqual({ ok: true, iso: '2024-03-20' });
    expect(readJalali('1403.12.30')).toEqual({ ok: true, iso: '2025-03-20' });
    expect(readJalali('14040101')).toEqual({ ok: true, iso: '2025-03-21' });
    expect(readJalali('1403 / 01 / 15')).toEqual({ ok: true, iso: '2024-04-03' });
  });
  it('a pasted ISO Gregorian day (year ≥ 1700) is taken as it is', () => {
    expect(readJalali('2024-03-20')).toEqual({ ok: true, iso: '2024-03-20' });
    expect(readJalali('2023-02-29')).toEqual({ ok: false, reason: 'format' });
  });
  it('explains', () => {
    expect(readJalali('1402/12/30')).toEqual({ ok: false, reason: 'leap', y: 1402, m: 12, d: 30 });
    expect(readJalali('1403/12/31')).toEqual({ ok: false, reason: 'length', y: 1403, m: 12, d: 31, length: 30 });
    expect(readJalali('1403/07/31')).toEqual({ ok: false, reason: 'length', y: 1403, m: 7, d: 31, length: 30 });
    expect(readJalali('1403/13/01')).toEqual({ ok: false, reason: 'month', y: 1403, m: 13, d: 1 });
    expect(readJalali('1403/00/01')).toMatchObject({ ok: false, reason: 'month' });
    expect(readJalali('1403/01/00')).toMatchObject({ ok: false, reason: 'length' });
    expect(readJalali('1403/1')).toEqual({ ok: false, reason: 'format' });
    expect(readJalali('farvardin')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('dates.* messages', () => {
  it('the same keys in every language', () => {
    const keys = Object.keys(dates.en).sort();
    expect(Object.keys(dates.fa).sort()).toEqual(keys);
    expect(Object.keys(dates.ar).sort()).toEqual(keys);
    expect(keys.every((k) => k.startsWith('dates.'))).toBe(true);
  });
  it('weekday headers start on Saturday', () => {
    const short = (lang: 'en' | 'fa' | 'ar') =>
      ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'].map((d) => translate(lang, `dates.wdShort.${d}` as 'dates.wdShort.sat'));
    expect(short('fa')).toEqual(['ش', 'ی', 'د', 'س', 'چ', 'پ', 'ج']);
    expect(short('en')).toEqual(['Sa', 'Su', 'Mo', 'Tu', 'We', 'Th', 'Fr']);
    expect(translate('ar', 'dates.wd.sat')).toBe('السبت');
  });
  it('the leap-year message in the reader’s digits', () => {
    expect(translate('en', 'dates.error.leap', { date: '1402/12/30', year: '1402' })).toBe('1402/12/30 does not exist: 1402 is not a leap year');
    const plain = (s: string) => s.replace(/[\u2068\u2069]/g, ''); // string parameters are bidi-isolated in RTL
    expect(plain(translate('fa', 'dates.error.length', { date: '۱۴۰۳/۰۷/۳۱', month: JALALI_MONTHS.fa[6], days: 30 }))).toBe('۱۴۰۳/۰۷/۳۱ وجود ندارد: مهر ۳۰ روز دارد');
    expect(translate('ar', 'dates.error.month', { date: '١٤٠٣/١٣/٠١', months: 12 })).toContain('١٢ شهرًا');
  });
});
