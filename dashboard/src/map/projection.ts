/**
 * Longitude/latitude → the 793×498 viewBox of @svg-maps/mexico, which ships no projection information. The
 * drawing behaves like Mercator, so an affine map of (lng, Mercator y) was fitted by least squares to ten
 * landmarks found on the outline (the Colorado river border corner, the Suchiate mouth, Cabo Catoche, the
 * northern tips of Nuevo León and Coahuila, Punta Eugenia, Punta Maldonado, the Colima coast, the Yucatán–
 * Quintana Roo coast border, San Luis Río Colorado): residuals are within 7 px (≈ 0.25°). The browser test
 * checks that every state capital falls inside its own state.
 */
export const MAP_WIDTH = 793;
export const MAP_HEIGHT = 498;

const X = [25.1879, 0.118, 2975.8052] as const;
const Y = [0.123, -24.6858, 871.457] as const;

/** Mercator ordinate in degrees. */
function mercator(lat: number): number {
  return (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
}

export function project(lng: number, lat: number): { x: number; y: number } {
  const m = mercator(lat);
  return { x: X[0] * lng + X[1] * m + X[2], y: Y[0] * lng + Y[1] * m + Y[2] };
}

/** Mexico's extent with a margin: points outside are not drawn on the map (they stay in the list). */
export function inMexico(lng: number, lat: number): boolean {
  return lng >= -119 && lng <= -86 && lat >= 14 && lat <= 33.5;
}
