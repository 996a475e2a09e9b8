/** The City sign-in's hand-off screen (src/screens/sso.js), zh-Hans: same keys as en.js. */
export default {
  'sso.title': '正在为您登录',
  'sso.busy': '正在完成登录…',
  'sso.refused.title': '请联系管理员',
  'sso.failed.title': '登录未完成',
  'sso.error.unmapped': '您的市政府账号尚未开通 Encounter Log。请向管理员申请使用权限。',
  'sso.error.inactive': '您的账号在 Encounter Log 中已停用。请联系管理员。',
  'sso.error.provider': '市政府登录没有让您进入：账号可能已停用，或登录已取消。如果一再发生，请联系管理员。',
  'sso.error.expired': '登录时间过长或已使用过。请再试一次。',
  'sso.error.invalid': '无法确认这次登录。请再试一次；如果一再发生，请告诉管理员。',
  'sso.try_again': '再试一次',
  'sso.back': '返回登录',
};
