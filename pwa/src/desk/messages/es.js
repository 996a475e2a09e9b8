/** Mensajes en español de las pantallas de escritorio (enlace, Oficina del Alcalde, capacitación). */
import liaison from './liaison-es.js';
import trainer from './trainer-es.js';
import retention from './retention-es.js';
import admin from './admin-es.js';

export default {
  ...liaison,
  ...trainer,
  ...retention,
  ...admin,
  'desk.not_found': 'Esta página no existe.',
  'desk.error.network': 'No se pudo conectar con el servidor. Revise la conexión e inténtelo de nuevo.',
};
