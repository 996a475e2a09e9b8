/**
 * The legal terms of the protocol, one translation per language, written once here and used by
 * the catalogs (`${ko.judicial_warrant}`), so every screen says the same thing for the same term.
 * `FORMS` are the patterns a catalog's text must match wherever the English says the term
 * (inflected forms included); tests/e2e/test_catalogs.py checks every catalog against them.
 * Uncertain choices are explained in docs/translations.md.
 */
export const en = { judicial_warrant: 'judicial warrant', administrative_warrant: 'administrative warrant', consent: 'consent',
  non_public_area: 'non-public area', counsel: 'counsel', liaison: 'liaison',
  redact: 'redact', site: 'site' };
export const es = { judicial_warrant: 'orden judicial', administrative_warrant: 'orden administrativa', consent: 'consentimiento',
  non_public_area: 'área no pública', counsel: 'asesoría legal', liaison: 'enlace',
  redact: 'tachar', site: 'sitio' };
export const ko = { judicial_warrant: '법원 영장', administrative_warrant: '행정 영장', consent: '동의',
  non_public_area: '비공개 구역', counsel: '법률 고문', liaison: '연락 담당관',
  redact: '가림 처리' };
export const zhHant = { judicial_warrant: '司法令狀', administrative_warrant: '行政令狀', consent: '同意',
  non_public_area: '非公共區域', counsel: '法律顧問', liaison: '聯絡員',
  redact: '遮蔽' };
export const zhHans = { judicial_warrant: '司法令状', administrative_warrant: '行政令状', consent: '同意',
  non_public_area: '非公共区域', counsel: '法律顾问', liaison: '联络员',
  redact: '遮蔽' };
export const hy = { judicial_warrant: 'դատական օրդեր', administrative_warrant: 'վարչական օրդեր', consent: 'համաձայնություն',
  non_public_area: 'ոչ հանրային տարածք', counsel: 'իրավախորհրդատու', liaison: 'կապի պատասխանատու',
  redact: 'ջնջել' };
export const tl = { judicial_warrant: 'hudisyal na warrant', administrative_warrant: 'administratibong warrant', consent: 'pahintulot',
  non_public_area: 'hindi pampublikong lugar', counsel: 'abogadong tagapayo', liaison: 'tagapag-ugnay',
  redact: 'i-redact' };
export const fa = { judicial_warrant: 'حکم قضایی', administrative_warrant: 'حکم اداری', consent: 'رضایت',
  non_public_area: 'محوطه غیرعمومی', counsel: 'مشاور حقوقی', liaison: 'رابط',
  redact: 'حذف' };
export const ru = { judicial_warrant: 'судебный ордер', administrative_warrant: 'административный ордер', consent: 'согласие',
  non_public_area: 'служебная зона', counsel: 'юрист', liaison: 'координатор',
  redact: 'вычеркнуть' };
export const vi = { judicial_warrant: 'lệnh tư pháp', administrative_warrant: 'lệnh hành chính', consent: 'đồng ý',
  non_public_area: 'khu vực không công cộng', counsel: 'cố vấn pháp lý', liaison: 'người liên lạc',
  redact: 'xóa bỏ' };

/**
 * A term at the start of a label, heading or column title, capitalised (Armenian, Russian, Tagalog,
 * Vietnamese write their glossary terms in lowercase; a label starts with a capital as in English).
 */
export const capital = (term) => term.charAt(0).toLocaleUpperCase() + term.slice(1);

export const GLOSSARY = { en, es, ko, 'zh-Hant': zhHant, 'zh-Hans': zhHans, hy, tl, fa, ru, vi };

/** Patterns (case-insensitive) for each term's forms: where the English matches, the translation must. */
export const FORMS = {
  en: { judicial_warrant: 'judicial warrant', administrative_warrant: 'administrative warrant|I-200|I-205', consent: 'consent',
    non_public_area: 'non-public area', counsel: '\\bcounsel\\b', liaison: '\\bliaison', redact: '\\bredact',
    site: '(?<!\\{)\\bsites?\\b(?!\\})' },
  es: { consent: 'consent', non_public_area: 'áreas? no públicas?', counsel: 'asesoría legal', judicial_warrant: 'orden(es)? judicial',
    administrative_warrant: 'orden(es)? administrativa|I-200|I-205', redact: 'tach', site: '\\bsitios?\\b' },
  ko: { administrative_warrant: '행정 영장|I-200|I-205', redact: '가림' },
  'zh-Hant': { administrative_warrant: '行政令狀|I-200|I-205' },
  'zh-Hans': { administrative_warrant: '行政令状|I-200|I-205' },
  hy: { judicial_warrant: 'դատական օրդեր', administrative_warrant: 'վարչական օրդեր|I-200|I-205', consent: 'համաձայն',
    non_public_area: 'ոչ հանրային տարածք', counsel: 'իրավախորհրդատու', liaison: 'կապի պատասխանատու', redact: 'ջնջ' },
  tl: { administrative_warrant: 'administratibong warrant|I-200|I-205', consent: 'pahintulot|pumapayag|pumayag',
    non_public_area: 'hindi pampublikong lugar', redact: 'redact' },
  fa: { administrative_warrant: 'حکم اداری|I-200|I-205', non_public_area: 'محوطه‌(های)? ?غیرعمومی|محوطه غیرعمومی' },
  ru: { judicial_warrant: 'судебн\\S* ордер', administrative_warrant: 'административн\\S* ордер|I-200|I-205',
    consent: 'соглас', non_public_area: 'служебн\\S* зон', counsel: 'юрист', liaison: 'координатор',
    redact: 'вычерк' },
  vi: { administrative_warrant: 'lệnh hành chính|I-200|I-205' },
};
