/** The lng/lat → SVG calibration of the state map (the browser test checks each capital lands in its state). */
import { MAP_HEIGHT, MAP_WIDTH, inMexico, project } from '../../dashboard/src/map/projection';

describe('map projection', () => {
  it('puts the outline landmarks it was fitted on within 8 px', () => {
    const landmarks: [number, number, number, number][] = [[-114.72, 32.72, 91.5, 0.3], [-92.23, 14.53, 654.6, 497.2], [-87.03, 21.6, 783.2, 312.4], [-98.57, 16.32, 496.1, 451.1]];
    for (const [lng, lat, x, y] of landmarks) {
      const p = project(lng, lat);
      expect(Math.hypot(p.x - x, p.y - y)).toBeLessThan(8);
    }
  });
  it('keeps Mexico inside the drawing', () => {
    for (const [lng, lat] of [[-117.1, 32.5], [-86.8, 21.1], [-92.2, 14.6]]) {
      const p = project(lng, lat);
      expect(p.x).toBeGreaterThanOrEqual(-5); expect(p.x).toBeLessThanOrEqual(MAP_WIDTH + 5);
      expect(p.y).toBeGreaterThanOrEqual(-5); expect(p.y).toBeLessThanOrEqual(MAP_HEIGHT + 5);
    }
    expect(inMexico(-99.13, 19.43)).toBe(true);
    expect(inMexico(2.35, 48.85)).toBe(false);
  });
});
