/**
 * Column roles and the header words that name them, in English (snake/camel/space variants all
 * normalise alike), Persian and Arabic. Written readably here; compared after `normaliseHeader`.
 */
import { normaliseHeader } from './headers';

export type Role =
  | 'order_id' | 'customer_id' | 'customer_email' | 'ordered_at' | 'amount' | 'currency' | 'status'
  | 'refunded_amount' | 'cancelled_at' | 'product' | 'quantity' | 'line_price' | 'channel'
  | 'city' | 'region' | 'country'
  | 'responded_at' | 'score' | 'comment'
  | 'age' | 'gender' | 'platform' | 'signup_channel' | 'signed_up_at'
  | 'subscription_id' | 'started_at' | 'period_start' | 'period_end' | 'ended_at' | 'plan' | 'interval'
  | 'interval_count' | 'trial_end' | 'cancel_at_period_end';

export const ALL_ROLES: readonly Role[] = [
  'order_id', 'customer_id', 'customer_email', 'ordered_at', 'amount', 'currency', 'status',
  'refunded_amount', 'cancelled_at', 'product', 'quantity', 'line_price', 'channel', 'city', 'region', 'country',
  'responded_at', 'score', 'comment', 'age', 'gender', 'platform', 'signup_channel', 'signed_up_at',
  'subscription_id', 'started_at', 'period_start', 'period_end', 'ended_at', 'plan', 'interval',
  'interval_count', 'trial_end', 'cancel_at_period_end',
];

/** What the values of a role's column must look like (checked on preview rows). */
export type ValueKind = 'date' | 'number' | 'email' | 'any';

export interface RoleRule {
  /** Whole-header matches, best first. */
  exact: string[];
  /** Header contains one of these (weaker). */
  contains?: string[];
  /** A header containing one of these never matches by `contains`. */
  exclude?: string[];
  values: ValueKind;
}

const RAW: Record<Role, RoleRule> = {
  order_id: {
    exact: ['order id', 'order number', 'order no', 'order num', 'order', 'order code', 'order ref', 'order reference',
      'invoice', 'invoice id', 'invoice number', 'invoice no', 'transaction id', 'sale id', 'receipt id',
      'شماره سفارش', 'کد سفارش', 'شناسه سفارش', 'سفارش', 'شماره فاکتور',
      'رقم الطلب', 'معرف الطلب', 'الطلب', 'رقم الفاتورة'],
    contains: ['ordernumber', 'orderid', 'invoice', 'شمارهسفارش', 'رقمالطلب'],
    values: 'any',
  },
  customer_id: {
    exact: ['customer id', 'customer', 'customer no', 'customer number', 'customer code', 'client id', 'client',
      'user id', 'user', 'member id', 'buyer id', 'account id', 'cust id', 'customer key', 'customer user id', 'customer user',
      'کد مشتری', 'شناسه مشتری', 'شماره مشتری', 'مشتری', 'کد کاربر', 'شناسه کاربر',
      'رقم العميل', 'معرف العميل', 'العميل', 'كود العميل',
      'customer name', 'client name', 'نام مشتری', 'اسم العميل'],
    contains: ['customerid', 'clientid', 'userid', 'مشتری', 'العمیل'],
    exclude: ['type', 'email', 'phone', 'note', 'ip', 'agent', 'description', 'نوع', 'تلفن', 'هاتف'],
    values: 'any',
  },
  customer_email: {
    exact: ['email', 'email address', 'customer email', 'billing email', 'mail', 'ایمیل', 'پست الکترونیک',
      'البريد الإلكتروني', 'البريد'],
    contains: ['email', 'ایمیل'],
    values: 'email',
  },
  ordered_at: {
    exact: ['order date', 'date', 'created at', 'created', 'created date', 'ordered at', 'timestamp', 'purchase date',
      'purchased at', 'order datetime', 'datetime', 'order time', 'ordered on', 'transaction date', 'sale date', 'time',
      'تاریخ سفارش', 'تاریخ', 'زمان سفارش', 'تاریخ خرید', 'زمان', 'تاريخ الطلب', 'التاريخ', 'تاريخ الشراء'],
    contains: ['date', 'created', 'time', 'تاریخ'],
    exclude: ['cancel', 'refund', 'paid', 'ship', 'fulfil', 'due', 'birth', 'signup', 'update', 'modif', 'deliver',
      'لغو', 'تولد', 'الغاء', 'period', 'trial', 'end'],
    values: 'date',
  },
  amount: {
    exact: ['total', 'amount', 'order total', 'total amount', 'grand total', 'revenue', 'sales', 'net sales', 'total sales',
      'value', 'dollar value', 'total price', 'sum', 'gross', 'payment', 'price', 'subtotal',
      'مبلغ', 'مبلغ کل', 'جمع کل', 'جمع', 'مبلغ سفارش', 'قیمت', 'مبلغ نهایی',
      'المبلغ', 'الإجمالي', 'المجموع', 'القيمة', 'السعر', 'المبلغ الإجمالي'],
    contains: ['total', 'amount', 'revenue', 'sales', 'مبلغ', 'المبلغ', 'الاجمالی'],
    exclude: ['refund', 'discount', 'tax', 'shipping', 'fee', 'balance', 'compare', 'outstanding', 'converted', 'unit',
      'lineitem', 'count', 'qty', 'quantity', 'مسترد', 'تخفیف', 'مالیات', 'ارسال', 'الخصم', 'الضریبه', 'الشحن', 'تعداد'],
    values: 'number',
  },
  currency: {
    exact: ['currency', 'currency code', 'order currency', 'curr', 'واحد پول', 'ارز', 'العملة'],
    contains: ['currency'],
    exclude: ['converted'],
    values: 'any',
  },
  status: {
    exact: ['status', 'order status', 'financial status', 'payment status', 'وضعیت', 'وضعیت سفارش', 'الحالة', 'حالة الطلب'],
    contains: ['status', 'وضعیت', 'الحاله'],
    exclude: ['fulfil', 'ship', 'cvc', 'avs'],
    values: 'any',
  },
  refunded_amount: {
    exact: ['refunded amount', 'amount refunded', 'refund amount', 'refund', 'refunds', 'refunded', 'refund total',
      'مبلغ مسترد', 'مسترد', 'مبلغ برگشتی', 'المبلغ المسترد', 'المسترد', 'مبلغ الاسترداد'],
    contains: ['refund', 'مسترد'],
    exclude: ['date', 'reason', 'converted', 'تاریخ'],
    values: 'number',
  },
  cancelled_at: {
    exact: ['cancelled at', 'canceled at', 'cancelled date', 'cancel date', 'cancellation date', 'تاریخ لغو', 'تاريخ الإلغاء'],
    contains: ['cancel'],
    exclude: ['reason'],
    values: 'date',
  },
  product: {
    exact: ['product', 'products', 'product name', 'item', 'item name', 'sku', 'title', 'product id', 'line item name',
      'محصول', 'نام کالا', 'کالا', 'نام محصول', 'المنتج', 'اسم المنتج', 'الصنف'],
    contains: ['product', 'محصول', 'کالا', 'المنتج'],
    exclude: ['count', 'qty', 'quantity', 'price', 'sold', 'type', 'category'],
    values: 'any',
  },
  quantity: {
    exact: ['quantity', 'qty', 'units', 'items sold', 'number of cds', 'num items', 'items', 'item count', 'count',
      'تعداد', 'الكمية', 'العدد'],
    contains: ['quantity', 'qty', 'تعداد'],
    values: 'number',
  },
  line_price: {
    exact: ['unit price', 'item price', 'line price', 'lineitem price', 'price', 'قیمت واحد', 'سعر الوحدة'],
    contains: ['unitprice'],
    values: 'number',
  },
  channel: {
    exact: ['channel', 'source', 'utm source', 'utm medium', 'medium', 'referrer', 'referer', 'sales channel',
      'acquisition channel', 'attribution', 'origin', 'کانال', 'منبع', 'کانال فروش', 'القناة', 'المصدر'],
    contains: ['channel', 'utmsource', 'کانال', 'القناه'],
    values: 'any',
  },
  city: {
    exact: ['city', 'billing city', 'shipping city', 'town', 'شهر', 'المدينة'],
    contains: ['city', 'شهر', 'المدینه'],
    values: 'any',
  },
  region: {
    exact: ['region', 'state', 'province', 'billing province', 'billing state', 'county', 'استان', 'منطقه', 'المنطقة', 'المحافظة'],
    contains: ['province', 'region', 'استان'],
    exclude: ['name'],
    values: 'any',
  },
  country: {
    exact: ['country', 'billing country', 'country code', 'کشور', 'الدولة', 'البلد'],
    contains: ['country', 'کشور'],
    values: 'any',
  },
  responded_at: {
    exact: ['responded at', 'response date', 'survey date', 'submitted at', 'submitted', 'date', 'created at', 'timestamp',
      'تاریخ نظرسنجی', 'تاریخ پاسخ', 'تاریخ', 'تاريخ الاستبيان', 'التاريخ'],
    contains: ['date', 'تاریخ'],
    values: 'date',
  },
  score: {
    exact: ['score', 'nps', 'nps score', 'rating', 'csat', 'likelihood to recommend', 'امتیاز', 'نمره', 'التقييم', 'الدرجة'],
    contains: ['score', 'rating', 'امتیاز'],
    values: 'number',
  },
  comment: {
    exact: ['comment', 'comments', 'feedback', 'text', 'reason', 'remarks', 'نظر', 'توضیحات', 'التعليق', 'الملاحظات'],
    contains: ['comment', 'feedback'],
    values: 'any',
  },
  age: { exact: ['age', 'سن', 'العمر'], values: 'number' },
  gender: { exact: ['gender', 'sex', 'جنسیت', 'الجنس'], values: 'any' },
  platform: { exact: ['platform', 'device', 'os', 'پلتفرم', 'دستگاه', 'المنصة'], values: 'any' },
  signup_channel: {
    exact: ['signup channel', 'acquisition channel', 'channel', 'source', 'کانال جذب', 'کانال', 'قناة التسجيل'],
    contains: ['channel'],
    values: 'any',
  },
  signed_up_at: {
    exact: ['signup date', 'signed up at', 'signup at', 'registered', 'registered at', 'registration date', 'date joined',
      'joined', 'created at', 'تاریخ عضویت', 'تاریخ ثبت نام', 'تاريخ التسجيل'],
    contains: ['signup', 'regist', 'joined'],
    values: 'date',
  },
  subscription_id: { exact: ['id', 'subscription id', 'subscription'], values: 'any' },
  started_at: { exact: ['created (utc)', 'created date (utc)', 'start (utc)', 'start date (utc)', 'started at', 'start date'], values: 'date' },
  period_start: { exact: ['current period start (utc)', 'current period start', 'period start', 'period start date', 'service period start'], values: 'date' },
  period_end: { exact: ['current period end (utc)', 'current period end', 'period end', 'period end date', 'service period end'], values: 'date' },
  ended_at: { exact: ['ended at (utc)', 'ended at', 'end date'], values: 'date' },
  plan: { exact: ['plan', 'plan name', 'product', 'price'], values: 'any' },
  interval: { exact: ['interval', 'billing interval', 'plan interval', 'billing period'], values: 'any' },
  interval_count: { exact: ['interval count', 'billing interval count', 'plan interval count'], values: 'number' },
  trial_end: { exact: ['trial end (utc)', 'trial end', 'trial ends at', 'trial end date'], values: 'date' },
  cancel_at_period_end: { exact: ['cancel at period end'], values: 'any' },
};

const norm = (list: string[] | undefined) => (list ?? []).map(normaliseHeader);

/** `RAW` with every word normalised: what `roles.ts` compares headers against. */
export const ROLE_RULES: Record<Role, RoleRule> = Object.fromEntries(
  Object.entries(RAW).map(([role, r]) => [role, { exact: norm(r.exact), contains: norm(r.contains), exclude: norm(r.exclude), values: r.values }]),
) as Record<Role, RoleRule>;

/** Roles looked for in each kind of table; the required ones are in `REQUIRED`. */
export type TableKind = 'orders' | 'responses' | 'customers' | 'subscriptions' | 'unknown';
export const TABLE_ROLES: Record<Exclude<TableKind, 'unknown'>, Role[]> = {
  orders: ['order_id', 'customer_id', 'customer_email', 'ordered_at', 'amount', 'currency', 'status', 'refunded_amount',
    'cancelled_at', 'product', 'quantity', 'line_price', 'channel', 'city', 'region', 'country'],
  responses: ['customer_id', 'customer_email', 'responded_at', 'score', 'comment'],
  customers: ['customer_id', 'customer_email', 'age', 'gender', 'city', 'region', 'country', 'platform', 'signup_channel', 'signed_up_at'],
  subscriptions: ['subscription_id', 'customer_id', 'customer_email', 'started_at', 'period_start', 'period_end',
    'cancelled_at', 'ended_at', 'plan', 'status', 'quantity', 'interval', 'amount', 'currency', 'interval_count', 'trial_end',
    'cancel_at_period_end'],
};
/** Required roles; `customer_id` is also satisfied by `customer_email`, and (subscriptions)
 *  `started_at` by `period_start` (a file of billing periods). */
export const REQUIRED: Record<Exclude<TableKind, 'unknown'>, Role[]> = {
  orders: ['customer_id', 'ordered_at', 'amount'],
  responses: ['customer_id', 'score'],
  customers: ['customer_id'],
  subscriptions: ['customer_id', 'started_at', 'amount'],
};
