/**
 * Warnings for free text that looks like it holds what must never be collected:
 * immigration or citizenship status, a resident's name, a date of birth, an A-number.
 * A warning, not a block: the employee knows the context; the point is to make them look.
 */
const PATTERNS = {
  status: /\b(immigration status|undocumented|illegal alien|illegals?|citizen(ship)?|green card|visa|daca|deport\w*|asylum|papers|indocumentad[oa]s?|ciudadan[oa]s?|ciudadan[ií]a|residencia|sin papeles|estatus migratorio)\b/i,
  birth: /\b(dob|d\.o\.b\.|date of birth|born (on|in)|fecha de nacimiento|naci[oó] el)\b|\b\d{1,2}[/-]\d{1,2}[/-](19|20)\d{2}\b/i,
  name: /\b(named|name is|his name|her name|their name|se llama|su nombre|nombre es)\b|\b(Mr|Mrs|Ms|Sr|Sra|Srta)\.?\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+/,
  a_number: /\bA[-\s]?\d{8,9}\b/,
};

/** Return the kinds of sensitive content found in a text (e.g. ["status", "name"]). */
export function sensitiveKinds(text) {
  if (!text) return [];
  return Object.entries(PATTERNS).filter(([, re]) => re.test(text)).map(([kind]) => kind);
}
