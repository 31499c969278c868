import { describe, expect, it } from 'vitest';
import {
  SeriesNotConverged, chiSquareSurvival, gammaQ, gammaSign, hyp2f1, hyp2f1Detail, lbeta, lgamma, logAddExp, logSubExp, logSumExp,
} from '../../src/models/special';

// References: mpmath at 30 digits.
const LGAMMA: [number, number][] = [
  [0.1, 2.252712651734205902], [0.25, 1.2880225246980774574], [0.5, 0.57236494292470008707], [1, 0], [1.5, -0.12078223763524522235],
  [2, 0], [3.7, 1.4280723266653881292], [10, 12.801827480081469611], [100.5, 361.43554046777762156],
  [1000.25, 5906.947268271117177], [1e-5, 11.512919692895825626], [-0.5, 1.2655121234846453965], [-2.5, -0.056243716497674050673],
];

const HYP2F1: [number, number, number, number, number][] = [
  [1, 1, 2, 0.5, 1.3862943611198906188],
  [0.25, 2.5, 2.3, 0.3, 1.1028649222205022859],
  [0.5, 1.5, 2.5, 0.95, 1.8262489839789268317],
  [0.243, 2.426, 2.219, 0.9466, 2.3923990549048060439],
  [200.25, 202.5, 201.2, 0.02, 58.658523481484338404],
  [0.7, 1.6, 3.2, -0.8, 0.79960388779792018736],
  [0.7, 1.6, 3.2, -5.0, 0.45489742191047979816],
  [1.3, 0.4, 2.7, 0.999, 1.4873583547885476851],
  [2.0, 3.0, 5.0, 0.9999, 80.580816832814682411],
  [1, 1, 2, -0.999, 0.69334039591417718886],
  [0.3, 0.7, 1.0, 0.97, 1.8289621641084634386],
  [1.5, 2.5, 3.5, 0.99, 39.959919938974765715],
  [3, -2, 1.5, 0.7, -0.232],
  [0.5, 0.5, 1.5, 1.0, Math.PI / 2],
];

describe('special functions', () => {
  it('lgamma matches reference values (relative 1e-13, absolute 1e-13 near the zeros)', () => {
    for (const [x, v] of LGAMMA) expect(Math.abs(lgamma(x) - v)).toBeLessThan(1e-13 * Math.max(1, Math.abs(v)));
    expect(lgamma(0)).toBe(Infinity);
    expect(lgamma(-3)).toBe(Infinity);
    expect([gammaSign(2.5), gammaSign(-0.5), gammaSign(-1.5), gammaSign(-2)]).toEqual([1, -1, 1, 0]);
  });

  it('lbeta is ln B', () => {
    expect(lbeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
    expect(lbeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
  });

  it('log-sum-exp does not overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logSumExp([1000, 1000, 1000])).toBeCloseTo(1000 + Math.log(3), 12);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSubExp(Math.log(5), Math.log(3))).toBeCloseTo(Math.log(2), 14);
    expect(logSubExp(2, 2)).toBe(-Infinity);
    expect(logSubExp(0, -1e-20)).toBeCloseTo(Math.log(1e-20), 8);
    expect(logSubExp(1, 2)).toBeNaN();
  });

  it('2F1 matches reference values over series, Pfaff, 1 − z, Gauss and polynomial cases', () => {
    const methods = new Set<string>();
    for (const [a, b, c, z, v] of HYP2F1) {
      const d = hyp2f1Detail(a, b, c, z);
      methods.add(d.method);
      expect(Math.abs(d.value - v) / Math.abs(v), `2F1(${a},${b};${c};${z}) via ${d.method}`).toBeLessThan(1e-11);
    }
    expect([...methods].sort()).toEqual(['gauss', 'one-minus-z', 'pfaff', 'polynomial', 'series']);
  });

  it('2F1 refuses what it cannot do instead of returning a wrong number', () => {
    expect(() => hyp2f1(1, 1, 2, 0.999999, { maxTerms: 1000 })).toThrow(SeriesNotConverged);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 1.5, 1)).toThrow(/diverges/);
  });

  it('χ² survival function', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(7.814727903251178, 3)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(0, 4)).toBe(1);
    expect(gammaQ(1, 2)).toBeCloseTo(Math.exp(-2), 14);
  });
});
