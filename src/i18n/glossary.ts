/**
 * The field's terms in English, Persian and Arabic: one choice per concept, used by every catalog
 * (test/i18n/glossary.test.ts: where an English message names a term, its Persian and Arabic
 * messages use the term chosen here, and never a word listed under `avoid`).
 * Persian choices follow the source articles (../shared/seeds: «نرخ ریزش» (Churn Rate), «نرخ
 * نگهداری» (Retention Rate), «ارزش طول عمر مشتری» (CLTV), «امتیاز خالص مروجان» (NPS), «متوسط ارزش
 * سفارش», «نرخ تکرار خرید»); Arabic follows the Arabic article («متوسط قيمة الطلب»,
 * «الاحتفاظ بالعملاء») and the usual Arabic marketing vocabulary.
 */
export interface Term {
  en: string;
  fa: string;
  ar: string;
  /** how the English term is recognised in an English message (default: the term itself, whole words) */
  match?: RegExp;
  /** other acceptable forms (inflections, with/without the Arabic article) */
  faForms?: string[];
  arForms?: string[];
  /** translations we decided against (they mean something else or are not the field's usage) */
  avoid?: string[];
  note?: string;
}

export const GLOSSARY = {
  churnRate: { en: 'churn rate', fa: 'نرخ ریزش', ar: 'معدل التسرب', avoid: ['نرخ ترک', 'نرخ رویگردانی', 'معدل الانسحاب', 'معدل الإلغاء'] },
  churn: { en: 'churn', match: /\bchurn(ed)?\b(?! rate)/i, fa: 'ریزش', ar: 'تسرب', faForms: ['ریزشی'], arForms: ['التسرب', 'المتسرب', 'متسرب'],
    avoid: ['رویگردانی', 'الانسحاب'], note: 'a customer who stopped buying; churned customer = مشتری ریزشی / عميل متسرب' },
  retentionRate: { en: 'retention rate', match: /\bretention rate\b/i, fa: 'نرخ نگهداری', ar: 'معدل الاحتفاظ', faForms: ['نرخ نگهداری مشتری'], avoid: ['نرخ ماندگاری'] },
  retention: { en: 'retention', match: /\bretention\b(?! rate)/i, fa: 'نگهداری', ar: 'الاحتفاظ', faForms: ['نگهداشت', 'حفظ مشتری'], arForms: ['احتفاظ'] },
  cltv: { en: 'CLTV', match: /\b(CLTV|lifetime value)\b/, fa: 'ارزش طول عمر مشتری', ar: 'قيمة عمر العميل', faForms: ['ارزش طول عمر'], arForms: ['قيمة عمر'],
    avoid: ['ارزش عمر مشتری', 'القيمة الدائمة'] },
  predictedClv: { en: 'predicted CLV', match: /\bpredicted CLV\b/i, fa: 'ارزش طول عمر پیش‌بینی‌شده', ar: 'قيمة عمر العميل المتوقعة', faForms: ['پیش‌بینی'], arForms: ['المتوقعة', 'المتوقع'] },
  nps: { en: 'NPS', match: /\b(NPS|Net Promoter Score)\b/, fa: 'امتیاز خالص مروجان', ar: 'صافي نقاط الترويج', faForms: ['NPS'], arForms: ['NPS'], avoid: ['شاخص خالص ترویج'] },
  promoters: { en: 'promoters', match: /\bpromoters?\b/i, fa: 'مروج', ar: 'المروج', faForms: ['مروجان'], arForms: ['مروج', 'المروجون', 'المروجين'] },
  passives: { en: 'passives', match: /\bpassives?\b/i, fa: 'بی‌طرف', ar: 'المحايد', faForms: ['بی‌طرف‌ها'], arForms: ['محايد', 'المحايدون', 'المحايدين'] },
  detractors: { en: 'detractors', match: /\bdetractors?\b/i, fa: 'منتقد', ar: 'المنتقد', faForms: ['منتقدان'], arForms: ['منتقد', 'المنتقدون', 'المنتقدين'] },
  csat: { en: 'CSAT', fa: 'رضایت مشتری', ar: 'رضا العملاء', faForms: ['CSAT'], arForms: ['CSAT'] },
  aov: { en: 'average order value', match: /\b(average order value|AOV)\b/i, fa: 'متوسط ارزش سفارش', ar: 'متوسط قيمة الطلب', avoid: ['میانگین مبلغ سفارش'] },
  repeatRate: { en: 'repeat rate', match: /\brepeat(-purchase)? rate\b/i, fa: 'نرخ تکرار خرید', ar: 'معدل تكرار الشراء' },
  cohort: { en: 'cohort', match: /\bcohorts?\b/i, fa: 'کوهورت', ar: 'فوج', faForms: ['کوهورت‌ها'], arForms: ['الفوج', 'الأفواج', 'أفواج', 'فوجي'],
    note: 'customers whose first order fell in the same period; Persian analysts write کوهورت; Arabic تحليل الأفواج' },
  rfm: { en: 'RFM', fa: 'RFM', ar: 'RFM' },
  recency: { en: 'recency', match: /\brecency\b/i, fa: 'تازگی', ar: 'الحداثة', arForms: ['حداثة'] },
  frequency: { en: 'frequency', match: /\bfrequency\b/i, fa: 'تکرار', ar: 'التكرار', arForms: ['تكرار'] },
  monetary: { en: 'monetary', match: /\bmonetary\b/i, fa: 'ارزش پولی', ar: 'القيمة النقدية', arForms: ['قيمة نقدية'] },
  segment: { en: 'segment', match: /\bsegments?\b/i, fa: 'بخش', ar: 'شريحة', faForms: ['بخش‌ها', 'بخشِ'], arForms: ['الشريحة', 'الشرائح', 'شرائح'] },
  persona: { en: 'persona', match: /\bpersonas?\b/i, fa: 'پرسونا', ar: 'شخصية', faForms: ['پرسوناها'], arForms: ['الشخصية', 'الشخصيات', 'شخصيات'] },
  mrr: { en: 'MRR', fa: 'MRR', ar: 'MRR', note: 'درآمد ماهانهٔ تکرارشونده / الإيرادات الشهرية المتكررة, explained where first shown' },
  pAlive: { en: 'P(alive)', fa: 'P(alive)', ar: 'P(alive)', note: 'احتمال فعال بودن / احتمال أن يكون نشطًا, explained next to it' },
  winBack: { en: 'win-back', match: /\bwin-?back\b/i, fa: 'بازگرداندن', ar: 'استعادة', faForms: ['بازگشت'], arForms: ['الاستعادة'] },
  goal: { en: 'goal', match: /\bgoals?\b/i, fa: 'هدف', ar: 'هدف', faForms: ['اهداف'], arForms: ['الهدف', 'الأهداف', 'أهداف'] },
  revenue: { en: 'revenue', match: /\brevenue\b/i, fa: 'درآمد', ar: 'الإيرادات', arForms: ['إيرادات', 'الإيراد', 'إيراد'] },
} satisfies Record<string, Term>;

export type TermId = keyof typeof GLOSSARY;
