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
  'desk.error.signin_again': 'Inicie sesión de nuevo. Copie antes lo que escribió: al salir de esta pantalla se pierde.',
  'desk.error.device_revoked': 'Un administrador revocó el acceso de este navegador. Copie lo que escribió y vuelva a iniciar sesión.',
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
  // alertapp: alerts and the live queue (issue 11)
  'liaison.alert.title': 'Alerta: hay agentes aquí ahora',
  'liaison.alert.at': 'Alerta a las',
  'liaison.alert.agency_unknown': 'Agencia aún no indicada',
  'liaison.alert.report_pending': 'El informe todavía no ha llegado.',
  'liaison.alert.count.one': '1 alerta abierta arriba.',
  'liaison.alert.count.other': '{count} alertas abiertas arriba.',
  'liaison.live.cue.alert': 'Hay agentes en {site} ahora (desde {time}).',
  'liaison.live.cue.report': 'Un informe urgente nuevo de {site}.',
  'liaison.live.report_title': 'Nuevo informe P1',
  'liaison.live.dismiss': 'Cerrar aviso',
  'liaison.live.controls': 'Alertas en este escritorio',
  'liaison.live.on': 'En directo: las alertas y los informes urgentes aparecen aquí al instante.',
  'liaison.live.off': 'Se buscan informes y alertas nuevos cada 10 segundos.',
  'liaison.live.sound': 'Sonido con alertas nuevas',
  'liaison.notify.ask': 'Mostrar notificaciones cuando esta pestaña esté oculta',
  'liaison.notify.on': 'Las notificaciones están activadas para esta pestaña.',
  'liaison.notify.blocked': 'Las notificaciones están bloqueadas en la configuración del navegador.',
  'liaison.push.toggle': 'Avisarme cuando el escritorio esté cerrado',
  'liaison.push.on': 'Activado: este navegador recibe avisos de alertas e informes P1 aunque el escritorio esté cerrado.',
  'liaison.push.body': 'Abra el escritorio para verlo.',
};
