/** The City sign-in's hand-off screen (src/screens/sso.js), es: same keys as en.js. */
export default {
  'sso.title': 'Iniciando su sesión',
  'sso.busy': 'Terminando de iniciar su sesión…',
  'sso.refused.title': 'Consulte a su administrador',
  'sso.failed.title': 'No se completó el inicio de sesión',
  'sso.error.unmapped': 'Su cuenta de la Ciudad todavía no está habilitada para Encounter Log. Pida acceso a su administrador.',
  'sso.error.inactive': 'Su cuenta está desactivada en Encounter Log. Consulte a su administrador.',
  'sso.error.provider': 'El inicio de sesión de la Ciudad no le dejó entrar: puede que la cuenta esté desactivada o que se haya cancelado. Consulte a su administrador si vuelve a pasar.',
  'sso.error.expired': 'El inicio de sesión tardó demasiado o ya se usó. Intente de nuevo.',
  'sso.error.invalid': 'No se pudo verificar el inicio de sesión. Intente de nuevo; si vuelve a pasar, avise a su administrador.',
  'sso.try_again': 'Intentar de nuevo',
  'sso.back': 'Volver a iniciar sesión',
};
