// Generated from the API's /openapi.json by scripts/gen-api-types.ts; do not edit.
export interface paths {
    "/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** TVL, TVC and utilisation now, with their hourly history */
        get: {
            parameters: {
                query?: {
                    /** @description How many hours of history (default 168) */
                    hours?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Protocol totals */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Stats"];
                    };
                };
                /** @description Bad request: each issue names the field and the reason */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/markets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every market with its TVC and capacity */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Markets */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The indexed head block the figures are evaluated at */
                            blockNumber: number;
                            /** @description Its timestamp (unix seconds) */
                            timestamp: number;
                            markets: components["schemas"]["Market"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/markets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One market with its backing pools */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A numeric id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The market */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The indexed head block the figures are evaluated at */
                            blockNumber: number;
                            /** @description Its timestamp (unix seconds) */
                            timestamp: number;
                            market: components["schemas"]["MarketDetail"];
                        };
                    };
                };
                /** @description Bad request: each issue names the field and the reason */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/markets/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A market's cover in force and capacity, hourly */
        get: {
            parameters: {
                query?: {
                    /** @description How many hours of history (default 168) */
                    hours?: string;
                };
                header?: never;
                path: {
                    /** @description A numeric id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Hourly history */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MarketHistory"];
                    };
                };
                /** @description Bad request: each issue names the field and the reason */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every pool with capital, premium and APY earned from its premium history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Pools */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The indexed head block the figures are evaluated at */
                            blockNumber: number;
                            /** @description Its timestamp (unix seconds) */
                            timestamp: number;
                            pools: components["schemas"]["Pool"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pools/{address}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One pool (by address) with the markets it backs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    address: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The pool */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The indexed head block the figures are evaluated at */
                            blockNumber: number;
                            /** @description Its timestamp (unix seconds) */
                            timestamp: number;
                            pool: components["schemas"]["PoolDetail"];
                        };
                    };
                };
                /** @description Bad request: each issue names the field and the reason */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Policies, newest first, optionally of one owner and/or market */
        get: {
            parameters: {
                query?: {
                    owner?: string;
                    /** @description A numeric id */
                    market?: string;
                    /** @description Page size (default 100, at most 1000) */
                    limit?: string;
                    /** @description Rows to skip (default 0) */
                    offset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Policies */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            policies: components["schemas"]["Policy"][];
                        };
                    };
                };
                /** @description Bad request: each issue names the field and the reason */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Assessed claims with their votes, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description A numeric id */
                    policyId?: string;
                    status?: string;
                    /** @description Page size (default 100, at most 1000) */
                    limit?: string;
                    /** @description Rows to skip (default 0) */
                    offset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Claims */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claims: components["schemas"]["Claim"][];
                        };
                    };
                };
                /** @description Bad request: each issue names the field and the reason */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settled incidents with each pool's reserve and the payouts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Incidents */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            incidents: components["schemas"]["Incident"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/positions/{address}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An LP's positions: shares, value, redeem requests and earned premium */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    address: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Positions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The indexed head block the figures are evaluated at */
                            blockNumber: number;
                            /** @description Its timestamp (unix seconds) */
                            timestamp: number;
                            positions: components["schemas"]["Position"][];
                        };
                    };
                };
                /** @description Bad request: each issue names the field and the reason */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Quote cover over indexed state (packages/core), equal to PoolLens.quote at the head block */
        get: {
            parameters: {
                query: {
                    /** @description Market id */
                    market: string;
                    /** @description Base units of the cover asset */
                    amount: string;
                    /** @description Seconds of cover */
                    period: string;
                    commissionBps?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The quote */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Quote"];
                    };
                };
                /** @description Bad request: each issue names the field and the reason */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quote/inputs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The indexed state a market's quote is computed from (packages/core quoteSnapshot inputs)
         * @description Backers in registry order with their PoolSnapshot and PoolMarketSnapshot (bigints as decimal strings, group maps as arrays), the oracle base rate, the protocol fee and the head time: a client can quote locally with @backstop/core's quoteSnapshot, as /v1/quote does.
         */
        get: {
            parameters: {
                query: {
                    /** @description Market id */
                    market: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Quote inputs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The indexed head block the figures are evaluated at */
                            blockNumber: number;
                            /** @description Its timestamp (unix seconds) */
                            timestamp: number;
                            marketId: number;
                            /**
                             * @description A decimal string of base units of the cover asset
                             * @example 1000000
                             */
                            oracleBaseRateBps: string;
                            /**
                             * @description A decimal string of base units of the cover asset
                             * @example 1000000
                             */
                            protocolFeeBps: string;
                            backers: {
                                pool: {
                                    [key: string]: unknown;
                                };
                                market: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
                /** @description Bad request: each issue names the field and the reason */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Stats: {
            /** @description The indexed head block the figures are evaluated at */
            blockNumber: number;
            /** @description Its timestamp (unix seconds) */
            timestamp: number;
            /**
             * @description Total value locked: the sum of pool capital
             * @example 1000000
             */
            tvl: string;
            /**
             * @description Total value covered: cover in force
             * @example 1000000
             */
            tvc: string;
            /**
             * @description TVC / TVL, 1e18 = 100%
             * @example 1000000
             */
            utilisationWad: string;
            /** @description Hourly history, oldest first; the last point is live */
            history: {
                hour: number;
                timestamp: number;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                tvl: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                tvc: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                utilisationWad: string;
            }[];
        };
        Error: {
            error: string;
            issues?: {
                field: string;
                reason: string;
            }[];
        };
        Market: {
            id: number;
            asset: string;
            trigger: string | null;
            /** @description 0 ACTIVE, 1 FROZEN, 2 TRIGGERED */
            triggerState: number | null;
            /** @description MarketStatus: 1 ACTIVE, 2 PAUSED, 3 RETIRED, 4 TRIGGERED */
            status: number;
            /** @description 0 PARAMETRIC, 1 ASSESSED */
            claimMode: number;
            payoutMode: number;
            /**
             * @description Correlation-group bitmask
             * @example 1000000
             */
            groups: string;
            baseRateBps: number;
            deductibleBps: number;
            minPeriod: number;
            maxPeriod: number;
            claimWindow: number;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            tvc: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            capacity: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            freeCapacity: string;
        };
        MarketDetail: components["schemas"]["Market"] & {
            backers: {
                poolId: number;
                pool: string;
                weightBps: number;
                listed: boolean;
                closed: boolean;
                followOracle: boolean;
                curve: {
                    baseRateBps: number;
                    slope1Bps: number;
                    slope2Bps: number;
                    kinkBps: number;
                };
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                capacity: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                exposure: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                freeCapacity: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                coverInForce: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                utilisationWad: string;
                /**
                 * @description Gross premium written by this pool on the market
                 * @example 1000000
                 */
                premium: string;
            }[];
        };
        MarketHistory: {
            /** @description The indexed head block the figures are evaluated at */
            blockNumber: number;
            /** @description Its timestamp (unix seconds) */
            timestamp: number;
            marketId: number;
            /** @description Hourly cover in force and capacity, oldest first; the last point is live */
            history: {
                hour: number;
                timestamp: number;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                tvc: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                capacity: string;
            }[];
        };
        Pool: {
            id: number;
            address: string;
            curator: string;
            /**
             * @description Pool.capital(): assets held minus unearned premium and fees owed
             * @example 1000000
             */
            capital: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            claimHold: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            totalSupply: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            totalExposure: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            unearnedPremium: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            premiumGross: string;
            /**
             * @description The LPs' share of all premium written (earned or not)
             * @example 1000000
             */
            premiumLp: string;
            /**
             * @description LP premium earned so far: premiumLp - unearned
             * @example 1000000
             */
            premiumEarned: string;
            /** @description premiumEarned annualised over the pool's age, in bps of current capital (history-based APY) */
            apyBps: number;
            /** @description The stream's earning rate now, annualised, bps of capital */
            currentApyBps: number;
            curatorFeeBps: number;
            leverageBps: number;
            cooldown: number;
            markets: number[];
        };
        PoolDetail: components["schemas"]["Pool"] & {
            backing: {
                poolId: number;
                pool: string;
                weightBps: number;
                listed: boolean;
                closed: boolean;
                followOracle: boolean;
                curve: {
                    baseRateBps: number;
                    slope1Bps: number;
                    slope2Bps: number;
                    kinkBps: number;
                };
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                capacity: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                exposure: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                freeCapacity: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                coverInForce: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                utilisationWad: string;
                /**
                 * @description Gross premium written by this pool on the market
                 * @example 1000000
                 */
                premium: string;
                marketId: number;
            }[];
        };
        Policy: {
            id: number;
            marketId: number;
            owner: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            amount: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            premium: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            commission: string;
            start: number;
            end: number;
            integrator: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            paid: string;
            blockNumber: number;
            txHash: string;
            slices: {
                poolId: number;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                amount: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                premium: string;
            }[];
        };
        Claim: {
            id: number;
            policyId: number;
            claimant: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            amount: string;
            evidenceURI: string;
            /** @description ClaimStatus (IAssessedClaims): 1 FAST_TRACK, 2 VOTING, ... */
            status: number;
            challenger: string | null;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            bond: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            paid: string;
            submittedAt: number;
            votes: {
                assessor: string;
                approve: boolean;
                deadline: number;
            }[];
        };
        Incident: {
            marketId: number;
            incidentTime: number;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            payoutPerUnitWad: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            required: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            funded: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            paid: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            returned: string;
            settledAt: number;
            reserves: {
                poolId: number;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                eligible: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                required: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                funded: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                returned: string;
            }[];
            payouts: {
                policyId: number | null;
                to: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                amount: string;
            }[];
        };
        Position: {
            poolId: number;
            pool: string;
            /**
             * @description Shares held (escrowed request shares are listed under the request)
             * @example 1000000
             */
            shares: string;
            /**
             * @description The shares' value at the exit price (capital - claim hold), rounded down
             * @example 1000000
             */
            value: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            deposited: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            withdrawn: string;
            /**
             * @description value + pending request value + withdrawn - deposited (may be negative)
             * @example 1000000
             */
            earned: string;
            request: {
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                shares: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                assets: string;
                claimableAt: number;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                pendingShares: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                claimableShares: string;
            } | null;
        };
        Quote: {
            /** @description The indexed head block the figures are evaluated at */
            blockNumber: number;
            /** @description Its timestamp (unix seconds) */
            timestamp: number;
            marketId: number;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            amount: string;
            period: number;
            /** @description The pool order to pass to buyCover */
            pools: number[];
            /**
             * @description Less than amount: buyCover would revert InsufficientCapacity
             * @example 1000000
             */
            filled: string;
            /**
             * @description Equal to PoolLens.quote(market, amount, period, pools).premium
             * @example 1000000
             */
            premium: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            commission: string;
            /**
             * @description A decimal string of base units of the cover asset
             * @example 1000000
             */
            total: string;
            annualRateBps: number;
            allocation: {
                poolId: number;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                amount: string;
                /**
                 * @description A decimal string of base units of the cover asset
                 * @example 1000000
                 */
                premium: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
