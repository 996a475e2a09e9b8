/**
 * The City sign-in's hand-off screen (src/screens/sso.js): its words are not in the first-load catalog, but in
 * a chunk fetched with the screen, which is reached only online (src/sso-words.js). Same keys in every language.
 */
export default {
  'sso.title': 'Signing you in',
  'sso.busy': 'Finishing your sign-in…',
  'sso.refused.title': 'Ask your administrator',
  'sso.failed.title': 'Sign-in did not finish',
  'sso.error.unmapped': 'Your City account is not set up for Encounter Log yet. Ask your administrator to give you access.',
  'sso.error.inactive': 'Your account is switched off in Encounter Log. Ask your administrator.',
  'sso.error.provider': 'The City sign-in did not let you in: the account may be disabled, or the sign-in was cancelled. Ask your administrator if this keeps happening.',
  'sso.error.expired': 'The sign-in took too long or was already used. Try again.',
  'sso.error.invalid': 'The sign-in could not be checked. Try again; if it keeps happening, tell your administrator.',
  'sso.try_again': 'Try again',
  'sso.back': 'Back to sign-in',
};
