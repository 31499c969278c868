/**
 * The built-in "Retention report": the analyses as panels, plus plain SQL, chart and table cells
 * that show how to go further. Opens by default on whatever data is loaded (sample data first).
 */
import { DEFAULT_PARAMS, NOTEBOOK_VERSION, type Notebook } from './document';
import { SAMPLE_PERSONAS } from '../personas/samples';
import { SAMPLE_GOALS } from '../goals/samples';
import type { Lang } from '../i18n/langs';

/**
 * The report's own words in the reader's language when it is created (afterwards they are the
 * document's: a saved or shared notebook keeps the language it was written in). A Persian report
 * starts in the Jalali calendar.
 */
const TEXT: Record<Lang, { title: string; intro: string; sqlIntro: string; chart: string }> = {
  en: {
    title: 'Retention report',
    intro: '# Retention report\n\nHow many customers come back, who leaves, and what they are worth. Change the **period** and the **churn window** above: every panel and query that uses them re-runs. Every cell can be edited, moved or removed; add your own SQL below.',
    sqlIntro: '## Your own questions\n\nSQL cells run on the loaded tables (`orders`, `order_lines`, `customers`, `responses`, `subscriptions`). Each cell\'s result is a view named after the cell, so later cells can build on it. `{{period}}`, `{{churn_days}}`, `{{from}}` and `{{to}}` insert the parameters.',
    chart: 'Orders per period',
  },
  fa: {
    title: 'گزارش نگهداری مشتری',
    intro: '# گزارش نگهداری مشتری\n\nچند مشتری دوباره می‌خرند، چه کسانی ریزش می‌کنند و هر کدام چه ارزشی دارند. **دوره** و **بازهٔ ریزش** را در بالا تغییر دهید: هر بخش و پرس‌وجویی که از آن‌ها استفاده می‌کند دوباره اجرا می‌شود. هر سلول را می‌توان ویرایش، جابه‌جا یا حذف کرد؛ پرس‌وجوهای SQL خودتان را پایین‌تر اضافه کنید.',
    sqlIntro: '## پرسش‌های خودتان\n\nسلول‌های SQL روی جدول‌های بارگذاری‌شده اجرا می‌شوند (`orders`، `order_lines`، `customers`، `responses`، `subscriptions`). نتیجهٔ هر سلول یک view هم‌نام با سلول است و سلول‌های بعدی می‌توانند از آن استفاده کنند. `{{period}}`، `{{churn_days}}`، `{{from}}` و `{{to}}` پارامترها را در پرس‌وجو می‌گذارند.',
    chart: 'سفارش‌ها در هر دوره',
  },
  ar: {
    title: 'تقرير الاحتفاظ بالعملاء',
    intro: '# تقرير الاحتفاظ بالعملاء\n\nكم عميلًا يعود للشراء، ومن يتسرب، وما قيمة كلٍّ منهم. غيّر **الفترة** و**نافذة التسرب** في الأعلى: يُعاد تشغيل كل قسم واستعلام يستخدمهما. يمكن تعديل كل خلية أو نقلها أو حذفها؛ أضف استعلامات SQL الخاصة بك في الأسفل.',
    sqlIntro: '## أسئلتك الخاصة\n\nتعمل خلايا SQL على الجداول المحمّلة (`orders`، `order_lines`، `customers`، `responses`، `subscriptions`). نتيجة كل خلية عرض (view) يحمل اسم الخلية، فتستطيع الخلايا اللاحقة البناء عليه. تُدرج `{{period}}` و`{{churn_days}}` و`{{from}}` و`{{to}}` المعاملات في الاستعلام.',
    chart: 'الطلبات في كل فترة',
  },
};

/**
 * The seeds' personas and goals in the reader's language (they come from Persian and Arabic
 * articles: a Persian report names them as the seeds do). Only names and descriptions change; the
 * rules and targets are the same (src/personas/samples.ts, src/goals/samples.ts).
 */
type Words = { personas: Record<string, { name: string; description: string }>; goals: Record<string, { name: string }> };
const SAMPLE_WORDS: Record<Lang, Words> = {
  en: { personas: {}, goals: {} },
  fa: {
    personas: {
      saeed: { name: 'سعید', description: 'سعید، ۲۸ ساله، مجرد، با درآمد بالا، طرفدار یکی از باشگاه‌های لیگ برتر انگلیس؛ هر فصل پیراهن تازهٔ تیمش را می‌خرد، به‌راحتی آنلاین خرید می‌کند و همیشه در شبکه‌های اجتماعی است.' },
      'ali-and-nazanin': { name: 'علی و نازنین', description: 'علی و نازنین، ۳۴ ساله، دو فرزند در مدرسهٔ فوتبال که هر کدام طرفدار باشگاهی دیگرند؛ هر سال تازه‌ترین پیراهن‌ها را می‌خرند، برای پدربزرگ و مادربزرگ‌ها هم به‌عنوان هدیه.' },
    },
    goals: {
      'sample-website-reorder': { name: 'رساندن ۳۰٪ از مشتریان فعلی به خرید دوباره مستقیم از وب‌سایت در ۶ ماه' },
      'sample-online-reach': { name: 'ارتباط با ۲۵٪ از مشتریان فعلی از راه خدمات آنلاین در ۱۲ ماه' },
    },
  },
  ar: {
    personas: {
      saeed: { name: 'سعيد', description: 'سعيد، ٢٨ عامًا، أعزب، دخله مرتفع، يشجّع أحد أندية الدوري الإنجليزي الممتاز؛ يشتري القميص الجديد كل موسم، ويتسوّق عبر الإنترنت بسهولة، ويعيش على وسائل التواصل الاجتماعي.' },
      'ali-and-nazanin': { name: 'علي ونازنين', description: 'علي ونازنين، ٣٤ عامًا، لهما طفلان في مدرسة كرة القدم يشجّع كلٌّ منهما ناديًا مختلفًا؛ يشتريان أحدث القمصان كل عام، وهدايا للأجداد أيضًا.' },
    },
    goals: {
      'sample-website-reorder': { name: 'أن يعود ٣٠٪ من العملاء الحاليين للشراء مباشرة من الموقع خلال ٦ أشهر' },
      'sample-online-reach': { name: 'الوصول إلى ٢٥٪ من العملاء الحاليين عبر الخدمة الإلكترونية خلال ١٢ شهرًا' },
    },
  },
};

export function defaultReport(lang: Lang = 'en'): Notebook {
  const text = TEXT[lang];
  return {
    version: NOTEBOOK_VERSION,
    title: text.title,
    params: { ...DEFAULT_PARAMS, calendar: lang === 'fa' ? 'jalali' : DEFAULT_PARAMS.calendar },
    cells: [
      { id: 'intro', kind: 'markdown', source: text.intro },
      { id: 'kpis', kind: 'analysis', analysis: 'kpis' },
      { id: 'cohorts', kind: 'analysis', analysis: 'cohorts' },
      { id: 'churn', kind: 'analysis', analysis: 'churn' },
      { id: 'rfm', kind: 'analysis', analysis: 'rfm' },
      { id: 'nps', kind: 'analysis', analysis: 'nps' },
      { id: 'sales', kind: 'analysis', analysis: 'sales' },
      { id: 'clv', kind: 'analysis', analysis: 'clv' },
      { id: 'personas', kind: 'analysis', analysis: 'personas' },
      { id: 'goals', kind: 'analysis', analysis: 'goals' },
      { id: 'subscriptions', kind: 'analysis', analysis: 'subscriptions' },
      { id: 'sql-intro', kind: 'markdown', source: text.sqlIntro },
      {
        id: 'orders-by-period', kind: 'sql', name: 'orders_by_period',
        source: "SELECT CAST(date_trunc({{period}}, ordered_at) AS DATE) AS period_start,\n       count(*) AS orders,\n       count(DISTINCT customer_id) AS customers,\n       sum(amount) AS revenue\nFROM orders\nWHERE CAST(ordered_at AS DATE) BETWEEN {{from}} AND {{to}}\nGROUP BY 1\nORDER BY 1",
      },
      { id: 'orders-chart', kind: 'chart', input: 'orders-by-period', type: 'bar', title: text.chart, x: 'period_start', y: ['orders'] },
      { id: 'orders-table', kind: 'table', input: 'orders-by-period' },
    ],
    // The seeds' personas and goals, written for the sample shop's data (DOMAIN.md); on other data
    // the panels say which fields or channels are missing, and they can be edited or removed.
    personas: structuredClone([...SAMPLE_PERSONAS]).map((p) => ({ ...p, ...SAMPLE_WORDS[lang].personas[p.id] })),
    goals: structuredClone(SAMPLE_GOALS).map((g) => ({ ...g, ...SAMPLE_WORDS[lang].goals[g.id] })),
  };
}
