// Static tables of the simulated sports shop: geography, channels, clubs, products, names,
// Persian labels and survey comments. No randomness here; generate.mjs draws from these.

/** Cities with their province and the share of customers living there. Tehran dominates. */
export const CITIES = [
  // name, province, Persian city, Persian province, customer share, retention shift (logit of dropout)
  { city: 'Tehran', region: 'Tehran', fa: 'تهران', regionFa: 'تهران', share: 45, dropShift: -0.15 },
  { city: 'Mashhad', region: 'Razavi Khorasan', fa: 'مشهد', regionFa: 'خراسان رضوی', share: 11, dropShift: 0.05 },
  { city: 'Isfahan', region: 'Isfahan', fa: 'اصفهان', regionFa: 'اصفهان', share: 9, dropShift: -0.1 },
  { city: 'Karaj', region: 'Alborz', fa: 'کرج', regionFa: 'البرز', share: 8, dropShift: -0.05 },
  { city: 'Shiraz', region: 'Fars', fa: 'شیراز', regionFa: 'فارس', share: 7, dropShift: 0 },
  { city: 'Tabriz', region: 'East Azerbaijan', fa: 'تبریز', regionFa: 'آذربایجان شرقی', share: 6, dropShift: 0.1 },
  { city: 'Ahvaz', region: 'Khuzestan', fa: 'اهواز', regionFa: 'خوزستان', share: 5, dropShift: 0.3 },
  { city: 'Qom', region: 'Qom', fa: 'قم', regionFa: 'قم', share: 3.5, dropShift: 0.1 },
  { city: 'Rasht', region: 'Gilan', fa: 'رشت', regionFa: 'گیلان', share: 3, dropShift: 0.05 },
  { city: 'Kerman', region: 'Kerman', fa: 'کرمان', regionFa: 'کرمان', share: 2.5, dropShift: 0.25 },
];

export const CHANNELS = ['website', 'instagram', 'mobile_app', 'telegram', 'affiliate', 'email'];

/**
 * Per acquisition channel: Beta(a, b) of the dropout probability after each purchase and a
 * multiplier of the purchase rate. Email and website customers come back more; affiliate and
 * instagram customers less.
 */
export const CHANNEL_BEHAVIOUR = {
  email: { a: 0.3, b: 1.5, rate: 1.15 },
  website: { a: 0.35, b: 1.3, rate: 1.1 },
  telegram: { a: 0.4, b: 1.1, rate: 1.0 },
  mobile_app: { a: 0.4, b: 1.15, rate: 1.1 },
  instagram: { a: 0.5, b: 0.85, rate: 0.9 },
  affiliate: { a: 0.55, b: 0.7, rate: 0.85 },
};

export const CHANNEL_FA = {
  website: 'وب‌سایت',
  instagram: 'اینستاگرام',
  mobile_app: 'اپلیکیشن',
  telegram: 'تلگرام',
  affiliate: 'همکاری در فروش',
  email: 'ایمیل',
};

export const STATUS_FA = {
  completed: 'تکمیل‌شده',
  refunded: 'مسترد شده',
  partially_refunded: 'مسترد جزئی',
  cancelled: 'لغو شده',
};

export const CATEGORY_FA = {
  jersey: 'پیراهن',
  boots: 'کفش',
  ball: 'توپ',
  kids: 'کودکان',
  accessories: 'لوازم جانبی',
};

export const LOCAL_CLUBS = ['Persepolis', 'Esteghlal', 'Sepahan', 'Tractor'];
export const PREMIER_LEAGUE = ['Manchester United', 'Liverpool', 'Arsenal', 'Chelsea', 'Manchester City'];
export const SPANISH = ['Real Madrid', 'Barcelona'];

/** How often a club is the favourite (or the pick of a customer without one). */
export const CLUB_POPULARITY = [
  ['Persepolis', 22], ['Esteghlal', 20], ['Sepahan', 4], ['Tractor', 4],
  ['Real Madrid', 12], ['Barcelona', 11],
  ['Manchester United', 7], ['Liverpool', 7], ['Manchester City', 6], ['Arsenal', 5], ['Chelsea', 4],
];

/**
 * Jersey base prices in Toman at the start (Nov 2023); prices rise with inflation (see
 * generate.mjs). Local clubs name the season year ("Persepolis Home Jersey 2025"), imported
 * replicas do not.
 */
export const CLUB_JERSEYS = {
  Persepolis: { price: 1_550_000, kits: ['Home', 'Away'], seasonal: true },
  Esteghlal: { price: 1_550_000, kits: ['Home', 'Away'], seasonal: true },
  Sepahan: { price: 1_450_000, kits: ['Home'], seasonal: true },
  Tractor: { price: 1_450_000, kits: ['Home'], seasonal: true },
  'Real Madrid': { price: 1_650_000, kits: ['Home', 'Away'], seasonal: false },
  Barcelona: { price: 1_650_000, kits: ['Home', 'Away'], seasonal: false },
  'Manchester United': { price: 1_650_000, kits: ['Home'], seasonal: false },
  Liverpool: { price: 1_650_000, kits: ['Home'], seasonal: false },
  Arsenal: { price: 1_650_000, kits: ['Home'], seasonal: false },
  Chelsea: { price: 1_650_000, kits: ['Home'], seasonal: false },
  'Manchester City': { price: 1_650_000, kits: ['Home'], seasonal: false },
};

/** The national team's World Cup jersey, on sale from its release date. */
export const NATIONAL_JERSEY = { name: 'Iran National Team Jersey 2026', price: 1_500_000, release: '2026-03-15' };
export const NATIONAL_JERSEY_OLD = { name: 'Iran National Team Home Jersey', price: 1_400_000 };

/** Kids' clubs for which a kids' kit exists. */
export const KIDS_KIT_CLUBS = ['Persepolis', 'Esteghlal', 'Real Madrid', 'Barcelona', 'Manchester City'];

export const PRODUCTS = {
  boots: [
    ['Adidas Predator Boots', 4_100_000, 3],
    ['Nike Mercurial Boots', 4_300_000, 3],
    ['Nike Phantom Boots', 3_600_000, 2],
    ['Puma Future Boots', 2_900_000, 2],
    ['Adidas Copa Boots', 2_500_000, 2],
    ['Futsal Shoes', 2_100_000, 3],
  ],
  ball: [
    ['Match Ball Pro', 1_050_000, 3],
    ['Training Ball', 560_000, 4],
    ['Futsal Ball', 680_000, 2],
  ],
  kids: [
    ['Kids Football School Kit', 1_100_000, 5],
    ['Kids Boots', 1_250_000, 2],
  ],
  accessories: [
    ['Shin Guards', 380_000, 4],
    ['Goalkeeper Gloves', 520_000, 2],
    ['Sports Socks 3-pack', 290_000, 5],
    ['Water Bottle', 260_000, 3],
    ['Club Scarf', 330_000, 2],
    ['Sports Bag', 550_000, 2],
    ['Fan Pack (Scarf, Cap)', 450_000, 1],
  ],
};

export const KIDS_CLUB_KIT_PRICE = 950_000;

export const MALE_NAMES = [
  'Saeed', 'Ali', 'Reza', 'Mohammad', 'Amir', 'Hossein', 'Mehdi', 'Hamid', 'Arash', 'Behnam',
  'Kian', 'Parsa', 'Sina', 'Navid', 'Farhad', 'Omid', 'Hamed', 'Mohsen', 'Pouya', 'Arman',
  'Babak', 'Dariush', 'Ehsan', 'Majid', 'Milad', 'Morteza', 'Nima', 'Peyman', 'Ramin', 'Shahab',
  'Vahid', 'Yasin', 'Amirhossein', 'Matin', 'Abolfazl', 'Mahdi', 'Soroush', 'Kourosh', 'Javad', 'Hadi',
];

export const FEMALE_NAMES = [
  'Nazanin', 'Maryam', 'Sara', 'Zahra', 'Fatemeh', 'Narges', 'Leila', 'Mina', 'Neda', 'Parisa',
  'Shirin', 'Elham', 'Niloufar', 'Mahsa', 'Ziba', 'Setareh', 'Hoda', 'Roya', 'Samira', 'Tara',
  'Yasaman', 'Azadeh', 'Negar', 'Mahnaz', 'Soheila', 'Atefeh', 'Fereshteh', 'Golnaz', 'Kimia', 'Helia',
];

/** Survey comments by score band. Some contain a comma or a quote on purpose (CSV quoting). */
export const COMMENTS = {
  promoter: [
    'Fast delivery, great quality',
    'Original jersey, my son loved it',
    'خیلی راضی بودم',
    'ارسال سریع و بسته‌بندی عالی',
    'پیراهن اصل بود، ممنون',
    'Best football shop in Iran',
    'همیشه از شما خرید می‌کنم',
    'Good prices for boots',
  ],
  passive: [
    'OK',
    'خوب بود ولی ارسال کمی طول کشید',
    'Decent, but the size chart could be clearer',
    'قیمت‌ها کمی بالاست',
    'Nice jersey',
    'بد نبود',
  ],
  detractor: [
    'Delivery took two weeks',
    'The "original" jersey looked like a copy',
    'سایز اشتباه ارسال شد',
    'پشتیبانی جواب نداد',
    'Refund took too long',
    'کیفیت چاپ اسم و شماره ضعیف بود',
    'Wrong size, and no reply from support',
  ],
};
