/** Admin: departments — code, names in each language, contact numbers, checklist variant. */
import { phoneCell, showCrud } from '../components/admin-crud.js';
import { pick } from '../../i18n.js';
import { get } from '../api.js';
import { codeText } from '../components/liaison-words.js';
import vocabulary from '../../rules/vocabulary.json' with { type: 'json' };

// A department's name in each language a City text may carry (encounter/vocabulary.py), English required.
const LANGS = vocabulary.choices.language;

/** Show the departments screen. */
export function show(root, params, app) {
  return showCrud(root, params, app, {
    title: 'admin.departments.title',
    intro: 'admin.departments.intro',
    links: [['#/desk/cards', 'cards.title']],
    newTitle: 'admin.departments.new',
    path: '/admin/departments',
    load: async () => ({ variants: await get('/admin/checklist-variants') }),
    rowKey: (row) => row.code,
    columns: [
      ['admin.field.code', (row) => row.code],
      ['admin.field.name', (row) => row.name],
      ['admin.field.variant', (row, t) => (row.checklist_variant ? codeText('trainer.variant', row.checklist_variant, t) : '—')],
      ['admin.field.liaison_phone', (row) => phoneCell(row.contacts.liaison)],
      ['admin.departments.counts', (row, t) => t('admin.departments.counts_value', { sites: row.sites, users: row.users })],
    ],
    fields: ({ variants = [] }, t) => [
      ['code', 'admin.field.code', { required: true }],
      ...LANGS.map((lang) => [`name_${lang}`, `admin.field.name_${lang}`, { required: lang === 'en' }]),
      ['checklist_variant', 'admin.field.variant', {
        type: 'select', options: [['', '—'], ...variants.map((v) => [v.variant, `${codeText('trainer.variant', v.variant, t)} — ${pick(v.title)}`])] }],
      ['liaison', 'admin.field.liaison_phone', { type: 'tel', hint: 'admin.hint.phone' }],
      ['counsel', 'admin.field.counsel_phone', { type: 'tel' }],
      ['after_hours', 'admin.field.after_hours_phone', { type: 'tel' }],
      ['resident_help', 'admin.field.resident_help_phone', { type: 'tel', hint: 'admin.hint.resident_help' }],
    ],
    toForm: (row) => ({
      code: row.code, checklist_variant: row.checklist_variant || '', ...row.contacts,
      ...Object.fromEntries(LANGS.map((lang) => [`name_${lang}`, row.names[lang] || (lang === 'en' ? row.name : '')])),
    }),
    memberField: (group, member) => (group === 'names' ? `name_${member}` : member),
    toBody: (v) => ({
      code: v.code,
      names: Object.fromEntries(LANGS.filter((lang) => v[`name_${lang}`]).map((lang) => [lang, v[`name_${lang}`]])),
      checklist_variant: v.checklist_variant || null,
      contacts: { liaison: v.liaison, counsel: v.counsel, after_hours: v.after_hours, resident_help: v.resident_help },
    }),
  });
}
