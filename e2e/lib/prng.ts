/** xorshift64*: a seeded generator, so a differential test's failure replays from its seed. */
export function prng(seed: bigint) {
  let s = seed;
  const next = (): bigint => {
    s ^= s >> 12n;
    s ^= (s << 25n) & 0xffffffffffffffffn;
    s ^= s >> 27n;
    return (s * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
  };
  return { below: (n: bigint): bigint => (n <= 0n ? 0n : next() % n) };
}
