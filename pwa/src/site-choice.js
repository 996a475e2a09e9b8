/**
 * Which site a new encounter or an alert names before the employee says (issue 11): pure, no storage.
 * The nearest active site with coordinates when the phone knows where it is, else the site last used
 * on this phone (drafts and outbox items), else the department's only site; null when none fits
 * (the employee then picks one).
 */

const EARTH_RADIUS_M = 6_371_000;
const rad = (deg) => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two {latitude, longitude} points (haversine). */
export function distanceMetres(a, b) {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

const placed = (s) => s && s.active !== false && Number.isFinite(s.latitude) && Number.isFinite(s.longitude);

/** The active site with coordinates nearest to `position` ({latitude, longitude}), or null. */
export function nearestSite(sites, position) {
  if (!position || !Number.isFinite(position.latitude) || !Number.isFinite(position.longitude)) return null;
  let best = null;
  let bestDistance = Infinity;
  for (const site of sites) {
    if (!placed(site)) continue;
    const d = distanceMetres(position, site);
    if (d < bestDistance || (d === bestDistance && site.code < best.code)) [best, bestDistance] = [site, d];
  }
  return best;
}

/**
 * The code of the site named by the most recent draft or outbox item (alerts and reports), or null; with `since`
 * (an ISO time), only one used since then counts.
 */
export function lastUsedSite(drafts, records, since = '') {
  const dated = [
    ...drafts.map((d) => [d.updated_at || d.started_at, d.fields?.site]),
    ...records.map((r) => [r.submitted_at, r.body?.site || r.summary?.site]),
  ].filter(([at, site]) => at && site && at >= since);
  dated.sort((a, b) => (a[0] < b[0] ? 1 : -1));
  return dated[0]?.[1] || null;
}

/**
 * The default site code: nearest (when `position` is known), else last used (since `since`, when given), else the
 * only site; null otherwise.
 */
export function defaultSite({ sites, drafts = [], records = [], position = null, since = '' }) {
  const active = sites.filter((s) => s.active !== false);
  const near = nearestSite(active, position);
  if (near) return near.code;
  const last = lastUsedSite(drafts, records, since);
  if (last && active.some((s) => s.code === last)) return last;
  return active.length === 1 ? active[0].code : null;
}
