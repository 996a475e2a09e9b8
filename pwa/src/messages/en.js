/** English messages. */
export default {
  'banner.offline': 'You are offline. Reports are kept on this phone and sent when you are back online.',
  'banner.ready': 'Ready to work offline.',
  'banner.update': 'Update available.',
  'banner.device_revoked': 'This device was revoked by an administrator. Reports on it are kept.',
  'banner.signin_again': 'Please sign in again. Reports on this phone are kept.',
  'action.dismiss': 'Dismiss',
  'action.reload': 'Reload',
  'action.signin': 'Sign in',
};
