/** The City sign-in's hand-off screen (src/screens/sso.js), fa: same keys as en.js. */
export default {
  'sso.title': 'در حال ورود شما',
  'sso.busy': 'در حال تکمیل ورود…',
  'sso.refused.title': 'از مدیر خود بپرسید',
  'sso.failed.title': 'ورود تمام نشد',
  'sso.error.unmapped': 'حساب شهرداری شما هنوز برای Encounter Log تنظیم نشده است. از مدیر خود بخواهید به شما دسترسی بدهد.',
  'sso.error.inactive': 'حساب شما در Encounter Log غیرفعال است. از مدیر خود بپرسید.',
  'sso.error.provider': 'سرویس ورود شهرداری اجازه ورود نداد: ممکن است حساب غیرفعال باشد یا ورود لغو شده باشد. اگر دوباره پیش آمد، از مدیر خود بپرسید.',
  'sso.error.expired': 'ورود بیش از حد طول کشید یا قبلاً استفاده شده است. دوباره امتحان کنید.',
  'sso.error.invalid': 'بررسی ورود ممکن نشد. دوباره امتحان کنید؛ اگر دوباره پیش آمد، به مدیر خود اطلاع دهید.',
  'sso.try_again': 'دوباره امتحان کنید',
  'sso.back': 'بازگشت به صفحه ورود',
};
