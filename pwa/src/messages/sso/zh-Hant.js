/** The City sign-in's hand-off screen (src/screens/sso.js), zh-Hant: same keys as en.js. */
export default {
  'sso.title': '正在為您登入',
  'sso.busy': '正在完成登入…',
  'sso.refused.title': '請洽詢管理員',
  'sso.failed.title': '登入未完成',
  'sso.error.unmapped': '您的市政府帳號尚未開通 Encounter Log。請向管理員申請使用權限。',
  'sso.error.inactive': '您的帳號在 Encounter Log 中已停用。請洽詢管理員。',
  'sso.error.provider': '市政府登入沒有讓您進入：帳號可能已停用，或登入已取消。如果一再發生，請洽詢管理員。',
  'sso.error.expired': '登入時間過長或已使用過。請再試一次。',
  'sso.error.invalid': '無法確認這次登入。請再試一次；如果一再發生，請告訴管理員。',
  'sso.try_again': '再試一次',
  'sso.back': '回到登入',
};
