/** The City sign-in's hand-off screen (src/screens/sso.js), ko: same keys as en.js. */
export default {
  'sso.title': '로그인 중',
  'sso.busy': '로그인을 마무리하는 중…',
  'sso.refused.title': '관리자에게 문의하세요',
  'sso.failed.title': '로그인이 완료되지 않았습니다',
  'sso.error.unmapped': '시 계정이 아직 Encounter Log에 등록되지 않았습니다. 관리자에게 접근 권한을 요청하세요.',
  'sso.error.inactive': 'Encounter Log에서 계정이 사용 중지되었습니다. 관리자에게 문의하세요.',
  'sso.error.provider': '시 로그인에서 들어갈 수 없었습니다. 계정이 사용 중지되었거나 로그인이 취소되었을 수 있습니다. 계속 이러면 관리자에게 문의하세요.',
  'sso.error.expired': '로그인 시간이 너무 오래 걸렸거나 이미 사용되었습니다. 다시 시도하세요.',
  'sso.error.invalid': '로그인을 확인할 수 없었습니다. 다시 시도하세요. 계속 이러면 관리자에게 알리세요.',
  'sso.try_again': '다시 시도',
  'sso.back': '로그인 화면으로 돌아가기',
};
