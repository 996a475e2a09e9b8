/** The City sign-in's hand-off screen (src/screens/sso.js), vi: same keys as en.js. */
export default {
  'sso.title': 'Đang đăng nhập',
  'sso.busy': 'Đang hoàn tất đăng nhập…',
  'sso.refused.title': 'Hãy hỏi quản trị viên',
  'sso.failed.title': 'Đăng nhập chưa hoàn tất',
  'sso.error.unmapped': 'Tài khoản Thành phố của bạn chưa được thiết lập cho Encounter Log. Hãy nhờ quản trị viên cấp quyền truy cập.',
  'sso.error.inactive': 'Tài khoản của bạn đã bị tắt trong Encounter Log. Hãy hỏi quản trị viên.',
  'sso.error.provider': 'Dịch vụ đăng nhập của Thành phố không cho bạn vào: tài khoản có thể đã bị vô hiệu hóa, hoặc việc đăng nhập đã bị hủy. Nếu vẫn xảy ra, hãy hỏi quản trị viên.',
  'sso.error.expired': 'Đăng nhập mất quá lâu hoặc đã được dùng rồi. Thử lại.',
  'sso.error.invalid': 'Không kiểm tra được việc đăng nhập. Thử lại; nếu vẫn xảy ra, hãy báo quản trị viên.',
  'sso.try_again': 'Thử lại',
  'sso.back': 'Quay lại đăng nhập',
};
