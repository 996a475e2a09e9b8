/**
 * The City sign-in hand-off screen's words in every language (src/messages/sso/), as one chunk that
 * src/screens/sso.js fetches when it is shown. That screen is reached only online, back from the City's
 * sign-in page, at most once a sign-in, so its words are not in the first-load catalogs and the chunk is
 * never precached (pwa/build.mjs): the 11 sentences in ten languages are about 3 KB gzip once, and each
 * phone's first load is about 0.5 KB lighter.
 */
import en from './messages/sso/en.js';
import es from './messages/sso/es.js';
import fa from './messages/sso/fa.js';
import hy from './messages/sso/hy.js';
import ko from './messages/sso/ko.js';
import ru from './messages/sso/ru.js';
import tl from './messages/sso/tl.js';
import vi from './messages/sso/vi.js';
import zhHans from './messages/sso/zh-Hans.js';
import zhHant from './messages/sso/zh-Hant.js';

export default { en, es, fa, hy, ko, ru, tl, vi, 'zh-Hans': zhHans, 'zh-Hant': zhHant };
