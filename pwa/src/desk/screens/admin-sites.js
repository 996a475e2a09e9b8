/** Admin: sites — code, name, department, facility type, area types, address, coordinates, numbers. */
import { numberOrNull, phoneCell, showCrud } from '../components/admin-crud.js';
import vocabulary from '../../rules/vocabulary.json' with { type: 'json' };
import { get } from '../api.js';
import { codeText } from '../components/liaison-words.js';

// The facility types the server accepts (encounter/facilities.py), in words (the aggregate's labels). The area
// types are the vocabulary's (encounter/vocabulary.py), in the phone's words for them.
const AREA_TYPES = vocabulary.choices.area_type;
const facility = (type, t) => codeText('liaison.facility', type, t);

/** Show the sites screen. */
export function show(root, params, app) {
  return showCrud(root, params, app, {
    title: 'admin.sites.title',
    intro: 'admin.sites.intro',
    newTitle: 'admin.sites.new',
    path: '/admin/sites',
    load: async () => ({ departments: await get('/admin/departments') }),
    rowKey: (row) => row.code,
    columns: [
      ['admin.field.code', (row) => row.code],
      ['admin.field.name', (row) => row.name],
      ['admin.field.department', (row) => row.department],
      ['admin.field.facility_type', (row, t) => facility(row.facility_type, t)],
      ['admin.field.site_lead_phone', (row) => phoneCell(row.site_lead_phone)],
      ['admin.field.active', (row, t) => t(row.active ? 'admin.yes' : 'admin.no')],
    ],
    fields: ({ departments = [] }, t) => [
      ['code', 'admin.field.code', { required: true, hint: 'admin.hint.site_code' }],
      ['name', 'admin.field.name', { required: true }],
      ['department', 'admin.field.department', { type: 'select', options: departments.map((d) => [d.code, `${d.code} — ${d.name}`]) }],
      ['facility_type', 'admin.field.facility_type', { type: 'select', options: vocabulary.facility_types.map((f) => [f, facility(f, t)]) }],
      ['area_types', 'admin.field.area_types', { type: 'checkboxes', hint: 'admin.hint.area_types',
        options: AREA_TYPES.map((a) => [a, t(`area.${a}`)]), default: AREA_TYPES }],
      ['address', 'admin.field.address'],
      ['latitude', 'admin.field.latitude', { type: 'number' }],
      ['longitude', 'admin.field.longitude', { type: 'number' }],
      ['phone', 'admin.field.phone', { type: 'tel', hint: 'admin.hint.phone' }],
      ['site_lead_phone', 'admin.field.site_lead_phone', { type: 'tel' }],
      ['active', 'admin.field.active', { type: 'checkbox', default: true }],
    ],
    toForm: (row) => ({ ...row, latitude: row.latitude ?? '', longitude: row.longitude ?? '' }),
    toBody: (v) => ({
      ...v, latitude: numberOrNull(v.latitude), longitude: numberOrNull(v.longitude),
      phone: v.phone || null, site_lead_phone: v.site_lead_phone || null,
    }),
  });
}
