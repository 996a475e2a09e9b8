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
  // counsel: desk screen for counsel's warrant check (issue 11)
  'counsel.desk.title': 'Documentos para asesoría legal',
  'counsel.desk.intro': 'Fotos de documentos mostrados durante encuentros en curso, dentro de su ámbito. Responda lo antes posible: el empleado ve su respuesta en el paso del documento. Aquí no se muestra nada más del informe.',
  'counsel.desk.refresh': 'Actualizar',
  'counsel.desk.awaiting': 'Esperando respuesta ({count})',
  'counsel.desk.none': 'Ningún documento espera respuesta.',
  'counsel.desk.answered_title': 'Respondidos',
  'counsel.desk.where_when': '{site}, a las {time}',
  'counsel.desk.shared': 'compartido el {time}',
  'counsel.desk.reply': 'Su respuesta',
  'counsel.desk.change': 'Cambiar la respuesta',
  'counsel.desk.note': 'Nota breve (opcional)',
  'counsel.desk.note_hint': 'Como máximo {max} caracteres. Sin nombres, números ni estatus de ninguna persona.',
  'counsel.desk.sent': 'Respuesta enviada para {site}: {verdict}.',
  'counsel.desk.answered': 'Respondido: {verdict} ({time})',
  'counsel.desk.your_note': 'Nota: {note}',
  'admin.role.counsel': 'Asesoría legal',
};
