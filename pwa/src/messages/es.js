/** Mensajes en español. */
export default {
  'banner.offline': 'No tiene conexión. Los reportes se guardan en este teléfono y se envían cuando vuelva la conexión.',
  'banner.ready': 'Listo para trabajar sin conexión.',
  'banner.update': 'Hay una actualización.',
  'banner.device_revoked': 'Un administrador revocó este dispositivo. Los reportes en él se conservan.',
  'banner.signin_again': 'Inicie sesión de nuevo. Los reportes en este teléfono se conservan.',
  'action.dismiss': 'Cerrar',
  'action.reload': 'Recargar',
  'action.signin': 'Iniciar sesión',
};
