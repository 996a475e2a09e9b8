/**
 * The card a field employee shows a resident (BRIEF: "resident-facing resource cards in the City's wider set"),
 * in the City's wider set of languages, not only the app's ten: the resident's language is not the employee's.
 *
 * One chunk for every language, with the screen (src/resident-card/card.js; pwa/build.mjs builds it as
 * `chunks/lang-card-all-*.js`): the phone keeps it for offline use once signed in (src/i18n.js `keepResidentCard`),
 * so the card can be shown in any language with no signal, and it stays out of the first load.
 *
 * Words a resident can trust: what the City does not do (ask about status, keep their name) and whom to call.
 * These texts await the City's translators' review like the app's (docs/decisions.md, 2026-12-07).
 * `dir` is the script's direction; each entry's `name` is the language in its own script (the picker's label).
 */
export default {
  en: {
    name: 'English', title: 'Information for you',
    who: 'I work for the City of Los Angeles. The City does not ask about immigration status.',
    nothing_kept: 'I am not writing down your name or anything about you.',
    help: 'For free, confidential help, call:',
    no_number: 'Ask me for a card with free help lines.',
    photo: 'You may take a photo of this screen.',
  },
  es: {
    name: 'Español', title: 'Información para usted',
    who: 'Trabajo para la Ciudad de Los Ángeles. La Ciudad no pregunta por la situación migratoria.',
    nothing_kept: 'No estoy anotando su nombre ni nada sobre usted.',
    help: 'Para recibir ayuda gratuita y confidencial, llame al:',
    no_number: 'Pídame una tarjeta con líneas de ayuda gratuitas.',
    photo: 'Puede tomar una foto de esta pantalla.',
  },
  ko: {
    name: '한국어', title: '귀하를 위한 안내',
    who: '저는 로스앤젤레스시 직원입니다. 시는 이민 신분을 묻지 않습니다.',
    nothing_kept: '저는 귀하의 이름이나 귀하에 관한 어떤 정보도 적지 않습니다.',
    help: '무료로 비밀이 보장되는 도움이 필요하시면 전화하세요:',
    no_number: '무료 상담 전화번호가 적힌 카드를 요청하세요.',
    photo: '이 화면을 사진으로 찍으셔도 됩니다.',
  },
  'zh-Hans': {
    name: '简体中文', title: '给您的信息',
    who: '我是洛杉矶市政府的工作人员。市政府不会询问移民身份。',
    nothing_kept: '我不会记下您的姓名或任何关于您的信息。',
    help: '如需免费、保密的帮助，请致电：',
    no_number: '请向我索取列有免费求助热线的卡片。',
    photo: '您可以拍下这个屏幕。',
  },
  'zh-Hant': {
    name: '繁體中文', title: '給您的資訊',
    who: '我是洛杉磯市政府的工作人員。市政府不會詢問移民身分。',
    nothing_kept: '我不會記下您的姓名或任何關於您的資訊。',
    help: '如需免費、保密的協助，請致電：',
    no_number: '請向我索取列有免費求助專線的卡片。',
    photo: '您可以拍下這個螢幕。',
  },
  hy: {
    name: 'Հայերեն', title: 'Տեղեկություն Ձեզ համար',
    who: 'Ես աշխատում եմ Լոս Անջելես քաղաքի համար։ Քաղաքը չի հարցնում ներգաղթային կարգավիճակի մասին։',
    nothing_kept: 'Ես չեմ գրառում Ձեր անունը կամ որևէ տեղեկություն Ձեր մասին։',
    help: 'Անվճար և գաղտնի օգնության համար զանգահարեք՝',
    no_number: 'Խնդրեք ինձնից անվճար օգնության հեռախոսահամարներով քարտ։',
    photo: 'Կարող եք լուսանկարել այս էկրանը։',
  },
  tl: {
    name: 'Tagalog', title: 'Impormasyon para sa iyo',
    who: 'Empleyado ako ng Lungsod ng Los Angeles. Hindi nagtatanong ang Lungsod tungkol sa katayuan sa imigrasyon.',
    nothing_kept: 'Hindi ko isinusulat ang iyong pangalan o anumang impormasyon tungkol sa iyo.',
    help: 'Para sa libre at kumpidensyal na tulong, tumawag sa:',
    no_number: 'Humingi sa akin ng card na may mga libreng helpline.',
    photo: 'Maaari mong kunan ng litrato ang screen na ito.',
  },
  fa: {
    name: 'فارسی', dir: 'rtl', title: 'اطلاعاتی برای شما',
    who: 'من کارمند شهر لس‌آنجلس هستم. شهر درباره وضعیت مهاجرتی سؤال نمی‌کند.',
    nothing_kept: 'من نام شما یا هیچ اطلاعاتی درباره شما را یادداشت نمی‌کنم.',
    help: 'برای کمک رایگان و محرمانه تماس بگیرید:',
    no_number: 'از من کارتی با شماره‌های رایگان کمک بخواهید.',
    photo: 'می‌توانید از این صفحه عکس بگیرید.',
  },
  ru: {
    name: 'Русский', title: 'Информация для вас',
    who: 'Я работаю в администрации города Лос-Анджелес. Город не спрашивает об иммиграционном статусе.',
    nothing_kept: 'Я не записываю ваше имя и никакие сведения о вас.',
    help: 'Бесплатная конфиденциальная помощь по телефону:',
    no_number: 'Попросите у меня карточку с бесплатными телефонами помощи.',
    photo: 'Вы можете сфотографировать этот экран.',
  },
  vi: {
    name: 'Tiếng Việt', title: 'Thông tin dành cho quý vị',
    who: 'Tôi là nhân viên của Thành phố Los Angeles. Thành phố không hỏi về tình trạng di trú.',
    nothing_kept: 'Tôi không ghi lại tên của quý vị hay bất kỳ thông tin nào về quý vị.',
    help: 'Để được giúp đỡ miễn phí và bảo mật, xin gọi:',
    no_number: 'Xin hỏi tôi một thẻ có các đường dây trợ giúp miễn phí.',
    photo: 'Quý vị có thể chụp ảnh màn hình này.',
  },
  ja: {
    name: '日本語', title: 'ご案内',
    who: '私はロサンゼルス市の職員です。市は移民としての在留資格について尋ねません。',
    nothing_kept: 'あなたのお名前やあなたに関する情報は記録していません。',
    help: '無料で秘密が守られる相談は、こちらへお電話ください：',
    no_number: '無料相談窓口が書かれたカードをお求めください。',
    photo: 'この画面を写真に撮ってもかまいません。',
  },
  th: {
    name: 'ไทย', title: 'ข้อมูลสำหรับคุณ',
    who: 'ฉันเป็นพนักงานของเมืองลอสแอนเจลิส เมืองไม่สอบถามเกี่ยวกับสถานะการเข้าเมือง',
    nothing_kept: 'ฉันไม่ได้จดชื่อของคุณหรือข้อมูลใด ๆ เกี่ยวกับคุณ',
    help: 'หากต้องการความช่วยเหลือฟรีและเป็นความลับ โทร:',
    no_number: 'ขอบัตรที่มีหมายเลขสายด่วนช่วยเหลือฟรีจากฉันได้',
    photo: 'คุณถ่ายรูปหน้าจอนี้ได้',
  },
  km: {
    name: 'ខ្មែរ', title: 'ព័ត៌មានសម្រាប់អ្នក',
    who: 'ខ្ញុំជាបុគ្គលិករបស់ទីក្រុងឡូសអាន់ជឺឡេស។ ទីក្រុងមិនសួរអំពីស្ថានភាពអន្តោប្រវេសន៍ទេ។',
    nothing_kept: 'ខ្ញុំមិនកត់ត្រាឈ្មោះរបស់អ្នក ឬព័ត៌មានណាមួយអំពីអ្នកទេ។',
    help: 'សម្រាប់ជំនួយឥតគិតថ្លៃ និងរក្សាការសម្ងាត់ សូមទូរស័ព្ទទៅ៖',
    no_number: 'សូមសុំកាតដែលមានលេខទូរស័ព្ទជំនួយឥតគិតថ្លៃពីខ្ញុំ។',
    photo: 'អ្នកអាចថតរូបអេក្រង់នេះបាន។',
  },
  ar: {
    name: 'العربية', dir: 'rtl', title: 'معلومات لك',
    who: 'أعمل لدى مدينة لوس أنجلوس. المدينة لا تسأل عن وضع الهجرة.',
    nothing_kept: 'أنا لا أدوّن اسمك ولا أي معلومات عنك.',
    help: 'للحصول على مساعدة مجانية وسرية، اتصل بـ:',
    no_number: 'اطلب مني بطاقة فيها أرقام خطوط مساعدة مجانية.',
    photo: 'يمكنك تصوير هذه الشاشة.',
  },
};

/**
 * The employee's words on the card's screen, in the app's languages (kept with the card, out of the first load; the
 * screen's title and what it says when the card is not on the phone are in the app's catalogs).
 */
export const UI = {
  en: { intro: 'Choose the resident\'s language, then show them the screen. Nothing is saved or sent.', language: 'The resident\'s language' },
  es: { intro: 'Elija el idioma del residente y muéstrele la pantalla. No se guarda ni se envía nada.', language: 'Idioma del residente' },
  ko: { intro: '주민의 언어를 고른 뒤 화면을 보여 주세요. 아무것도 저장되거나 전송되지 않습니다.', language: '주민의 언어' },
  'zh-Hans': { intro: '选择居民的语言，然后把屏幕给对方看。不会保存或发送任何内容。', language: '居民的语言' },
  'zh-Hant': { intro: '選擇居民的語言，然後把螢幕給對方看。不會儲存或傳送任何內容。', language: '居民的語言' },
  hy: { intro: 'Ընտրեք բնակչի լեզուն, ապա ցույց տվեք էկրանը։ Ոչինչ չի պահվում կամ ուղարկվում։', language: 'Բնակչի լեզուն' },
  tl: { intro: 'Piliin ang wika ng residente, saka ipakita sa kanya ang screen. Walang nase-save o naipapadala.', language: 'Wika ng residente' },
  fa: { intro: 'زبان فرد را انتخاب کنید و صفحه را به او نشان دهید. چیزی ذخیره یا ارسال نمی‌شود.', language: 'زبان فرد' },
  ru: { intro: 'Выберите язык жителя и покажите ему экран. Ничего не сохраняется и не отправляется.', language: 'Язык жителя' },
  vi: { intro: 'Chọn ngôn ngữ của cư dân rồi đưa họ xem màn hình. Không có gì được lưu hay gửi đi.', language: 'Ngôn ngữ của cư dân' },
};
