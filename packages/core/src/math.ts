import { MathDomainError } from "./errors.ts";

/** floor(x * y / d), as Solady's `mulDiv` and OpenZeppelin's `Math.mulDiv` (Floor). */
export function mulDiv(x: bigint, y: bigint, d: bigint): bigint {
  if (d === 0n) throw new MathDomainError("mulDiv: division by zero");
  return (x * y) / d;
}

/** ceil(x * y / d), as Solady's `mulDivUp`. */
export function mulDivUp(x: bigint, y: bigint, d: bigint): bigint {
  if (d === 0n) throw new MathDomainError("mulDivUp: division by zero");
  const p = x * y;
  return p === 0n ? 0n : (p - 1n) / d + 1n;
}

/** ceil(x / d), as Solady's `divUp`. */
export function divUp(x: bigint, d: bigint): bigint {
  return mulDivUp(x, 1n, d);
}

export function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** a - b, or zero when b > a. */
export function saturatingSub(a: bigint, b: bigint): bigint {
  return a > b ? a - b : 0n;
}

/** The correlation-group ids set in `mask`, lowest first. */
export function groupIds(mask: bigint): number[] {
  const ids: number[] = [];
  for (let g = 0; mask !== 0n; g++, mask >>= 1n) if ((mask & 1n) === 1n) ids.push(g);
  return ids;
}
