// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {RateCurveLib} from "../../src/libraries/RateCurveLib.sol";
import {RateCurve} from "../../src/types/Types.sol";

contract RateCurveLibTest is Test {
    uint256 internal constant YEAR = 365 days;

    function _curve(uint256 base, uint256 s1, uint256 s2, uint256 kink) internal pure returns (RateCurve memory c) {
        c.baseRateBps = uint32(bound(base, 0, 10_000));
        c.slope1Bps = uint32(bound(s1, 0, 50_000));
        c.slope2Bps = uint32(bound(s2, 0, 200_000));
        c.kinkBps = uint16(bound(kink, 1, 9_999));
    }

    function _premium(RateCurve memory c, uint256 e0, uint256 e1, uint256 cap, uint256 period)
        internal
        pure
        returns (uint256)
    {
        return RateCurveLib.premiumUp(c, e0, e1, cap, period);
    }

    /// Splitting one order into two consecutive pieces never costs less than the single order.
    function test_premiumUp_splitInTwoNeverCheaper(
        uint256 base,
        uint256 s1,
        uint256 s2,
        uint256 kink,
        uint256 cap,
        uint256 e0,
        uint256 mid,
        uint256 e1,
        uint256 period
    ) public pure {
        RateCurve memory c = _curve(base, s1, s2, kink);
        cap = bound(cap, 1, 1e15);
        e0 = bound(e0, 0, cap);
        e1 = bound(e1, e0, cap);
        mid = bound(mid, e0, e1);
        period = bound(period, 1 days, 2 * YEAR);
        uint256 whole = _premium(c, e0, e1, cap, period);
        uint256 split = _premium(c, e0, mid, cap, period) + _premium(c, mid, e1, cap, period);
        assertGe(split, whole);
    }

    /// Splitting into many equal pieces never costs less either, and costs at most one unit more per piece.
    function test_premiumUp_splitInManyNeverCheaper(
        uint256 base,
        uint256 s1,
        uint256 s2,
        uint256 kink,
        uint256 cap,
        uint256 amount,
        uint256 pieces,
        uint256 period
    ) public pure {
        RateCurve memory c = _curve(base, s1, s2, kink);
        cap = bound(cap, 1e6, 1e15);
        amount = bound(amount, 1, cap);
        pieces = bound(pieces, 2, 20);
        period = bound(period, 1 days, 2 * YEAR);
        uint256 whole = _premium(c, 0, amount, cap, period);
        uint256 split;
        uint256 e;
        for (uint256 i = 1; i <= pieces; ++i) {
            uint256 next = amount * i / pieces;
            split += _premium(c, e, next, cap, period);
            e = next;
        }
        assertGe(split, whole);
        assertLe(split, whole + pieces * 2);
    }

    function test_premiumUp_monotoneInAmount(
        uint256 base,
        uint256 s1,
        uint256 s2,
        uint256 kink,
        uint256 cap,
        uint256 e0,
        uint256 a,
        uint256 b,
        uint256 period
    ) public pure {
        RateCurve memory c = _curve(base, s1, s2, kink);
        cap = bound(cap, 1, 1e15);
        e0 = bound(e0, 0, cap);
        a = bound(a, e0, cap);
        b = bound(b, a, cap);
        period = bound(period, 1 days, 2 * YEAR);
        assertLe(_premium(c, e0, a, cap, period), _premium(c, e0, b, cap, period));
    }

    function test_premiumUp_monotoneInPeriod(
        uint256 base,
        uint256 s1,
        uint256 s2,
        uint256 kink,
        uint256 cap,
        uint256 e0,
        uint256 e1,
        uint256 p1,
        uint256 p2
    ) public pure {
        RateCurve memory c = _curve(base, s1, s2, kink);
        cap = bound(cap, 1, 1e15);
        e0 = bound(e0, 0, cap);
        e1 = bound(e1, e0, cap);
        p1 = bound(p1, 1 days, 2 * YEAR);
        p2 = bound(p2, p1, 2 * YEAR);
        assertLe(_premium(c, e0, e1, cap, p1), _premium(c, e0, e1, cap, p2));
    }

    /// The premium of a slice starting higher on the curve is never lower (the curve is non-decreasing).
    function test_premiumUp_monotoneInStartingUtilisation(
        uint256 base,
        uint256 s1,
        uint256 s2,
        uint256 kink,
        uint256 cap,
        uint256 amount,
        uint256 e0,
        uint256 shift
    ) public pure {
        RateCurve memory c = _curve(base, s1, s2, kink);
        cap = bound(cap, 2, 1e15);
        amount = bound(amount, 1, cap - 1);
        e0 = bound(e0, 0, cap - amount);
        shift = bound(shift, e0, cap - amount);
        assertLe(_premium(c, e0, e0 + amount, cap, YEAR), _premium(c, shift, shift + amount, cap, YEAR) + 1);
    }

    /// With no slopes the premium is the closed form amount x base x period / year, rounded up.
    function test_premiumUp_flatCurveMatchesClosedForm(
        uint256 base,
        uint256 kink,
        uint256 cap,
        uint256 e0,
        uint256 e1,
        uint256 period
    ) public pure {
        RateCurve memory c = _curve(base, 0, 0, kink);
        c.slope1Bps = 0;
        c.slope2Bps = 0;
        cap = bound(cap, 1, 1e15);
        e0 = bound(e0, 0, cap);
        e1 = bound(e1, e0, cap);
        period = bound(period, 1 days, 2 * YEAR);
        uint256 amount = e1 - e0;
        uint256 num = amount * c.baseRateBps * period;
        uint256 den = 10_000 * YEAR;
        uint256 expected = amount == 0 ? 0 : (num + den - 1) / den;
        assertEq(_premium(c, e0, e1, cap, period), expected);
    }

    function test_premiumUp_zeroForEmptySlice(uint256 base, uint256 s1, uint256 s2, uint256 kink, uint256 e)
        public
        pure
    {
        RateCurve memory c = _curve(base, s1, s2, kink);
        e = bound(e, 0, 1e15);
        assertEq(_premium(c, e, e, 1e15, YEAR), 0);
    }

    /// The premium lies between the rate at the slice's start and at its end, times amount x period / year.
    function test_premiumUp_betweenRatesAtEnds(
        uint256 base,
        uint256 s1,
        uint256 s2,
        uint256 kink,
        uint256 cap,
        uint256 e0,
        uint256 e1,
        uint256 period
    ) public pure {
        RateCurve memory c = _curve(base, s1, s2, kink);
        cap = bound(cap, 1e6, 1e15);
        e0 = bound(e0, 0, cap);
        e1 = bound(e1, e0, cap);
        period = bound(period, 1 days, 2 * YEAR);
        uint256 amount = e1 - e0;
        uint256 premium = _premium(c, e0, e1, cap, period);
        uint256 low = amount * RateCurveLib.rateAt(c, e0, cap) * period / (10_000 * YEAR);
        uint256 high = amount * (RateCurveLib.rateAt(c, e1, cap) + 1) * period / (10_000 * YEAR) + 1;
        assertGe(premium, low);
        assertLe(premium, high);
    }

    /// Below the kink the premium is the exact trapezoid area (rounded up by at most 2 units).
    function test_premiumUp_belowKinkMatchesTrapezoid(uint256 cap, uint256 e0, uint256 e1) public pure {
        RateCurve memory c = RateCurve({baseRateBps: 200, slope1Bps: 400, slope2Bps: 6_000, kinkBps: 8_000});
        cap = bound(cap, 1e6, 1e15);
        uint256 k = cap * 8_000 / 10_000;
        e0 = bound(e0, 0, k);
        e1 = bound(e1, e0, k);
        // area (in bps x assets) = base (e1 - e0) + slope1 (e1^2 - e0^2) / (2 kink), kink = 0.8 cap
        uint256 area = 200 * (e1 - e0) * 1e18 + 400 * (e1 * e1 - e0 * e0) * 1e18 / (2 * cap * 8_000 / 10_000);
        uint256 exact = area / (10_000 * 1e18);
        uint256 premium = _premium(c, e0, e1, cap, YEAR);
        assertGe(premium + 1, exact);
        assertLe(premium, exact + 2);
    }

    function test_rateAt_endpoints(uint256 base, uint256 s1, uint256 s2, uint256 kink, uint256 cap) public pure {
        RateCurve memory c = _curve(base, s1, s2, kink);
        cap = bound(cap, 1, 1e15);
        assertEq(RateCurveLib.rateAt(c, 0, cap), c.baseRateBps);
        assertEq(RateCurveLib.rateAt(c, cap, cap), uint256(c.baseRateBps) + c.slope1Bps + c.slope2Bps);
        assertEq(RateCurveLib.rateAt(c, 2 * cap, cap), uint256(c.baseRateBps) + c.slope1Bps + c.slope2Bps);
        assertEq(RateCurveLib.rateAt(c, 1, 0), uint256(c.baseRateBps) + c.slope1Bps + c.slope2Bps);
    }

    /// rateAt matches the curve's definition computed independently in 1e18 utilisation units.
    function test_rateAt_matchesDefinition(uint256 base, uint256 s1, uint256 s2, uint256 kink, uint256 cap, uint256 e)
        public
        pure
    {
        RateCurve memory c = _curve(base, s1, s2, kink);
        cap = bound(cap, 1, 1e15);
        e = bound(e, 0, cap);
        uint256 u = e * 1e18 / cap; // utilisation, WAD
        uint256 kinkWad = uint256(c.kinkBps) * 1e14;
        uint256 expected;
        if (u <= kinkWad) expected = c.baseRateBps + c.slope1Bps * u / kinkWad;
        else expected = uint256(c.baseRateBps) + c.slope1Bps + c.slope2Bps * (u - kinkWad) / (1e18 - kinkWad);
        assertApproxEqAbs(RateCurveLib.rateAt(c, e, cap), expected, 1);
    }

    function test_rateAt_monotone(uint256 base, uint256 s1, uint256 s2, uint256 kink, uint256 cap, uint256 a, uint256 b)
        public
        pure
    {
        RateCurve memory c = _curve(base, s1, s2, kink);
        cap = bound(cap, 1, 1e15);
        a = bound(a, 0, cap);
        b = bound(b, a, cap);
        assertLe(RateCurveLib.rateAt(c, a, cap), RateCurveLib.rateAt(c, b, cap));
    }

    function test_rateAt_atKink() public pure {
        RateCurve memory c = RateCurve({baseRateBps: 200, slope1Bps: 300, slope2Bps: 3_000, kinkBps: 8_000});
        assertEq(RateCurveLib.rateAt(c, 800e6, 1_000e6), 500);
        assertEq(RateCurveLib.rateAt(c, 400e6, 1_000e6), 350);
        assertEq(RateCurveLib.rateAt(c, 900e6, 1_000e6), 2_000);
    }
}
