export { type BookOptions, type BookYear, backtestBook, DEFAULT_BOOK } from "./backtest/book.ts";
export {
  backtestDepegRule,
  type DepegBacktest,
  type DepegEvent,
  type DepegRule,
  ETHERISC_USDC_RULE,
  type PriceObservation,
  parseChainlinkRounds,
} from "./backtest/depeg.ts";
export { type Calibration, calibrate, calibrateFromIncidents } from "./calibration/calibrate.ts";
export { buhlmannStraub, type CredibilityGroup, type CredibilityResult } from "./calibration/credibility.ts";
export { parseCsv } from "./calibration/csv.ts";
export {
  calibrateDepeg,
  DEFAULT_LOSS_GIVEN_EXPLOIT,
  type DepegCalibration,
  fitLossGivenExploit,
  type LossGivenExploit,
  medianLossShare,
} from "./calibration/exposure.ts";
export {
  calibrateFrequency,
  DEFAULT_FREQUENCY_WINDOW,
  DEFAULT_PROTOCOL_EXPOSURE,
  type FrequencyCalibration,
  type ProtocolExposure,
} from "./calibration/frequency.ts";
export {
  type CategoryMapping,
  classifyIncident,
  hasStatedLoss,
  type Incident,
  type LossStatus,
  parseIncidents,
  parseProtocolCategories,
} from "./calibration/incidents.ts";
export {
  type BootstrapGoodnessOfFit,
  bootstrapGoodnessOfFit,
  calibrateSeverity,
  fitSpliced,
  type GoodnessOfFit,
  limitedExpectedValue,
  type SeverityCalibration,
  type SplicedSeverity,
  severityCdf,
  severityQuantile,
  severitySample,
} from "./calibration/severity.ts";
export {
  BUNDLED_FEEDS,
  DEFAULT_DATA_DIR,
  FIAT_BACKED_FEEDS,
  incidentsPath,
  loadCalibration,
  loadChainlinkFeed,
  loadIncidents,
  loadProtocolCounts,
  readDataFile,
} from "./data.ts";
export {
  BaseError,
  CalibrationError,
  DependencyCycleError,
  RiskError,
  type RiskErrorParameters,
  SimulationError,
  ValidationError,
} from "./errors.ts";
export { type BacktestOrigin, type RollingBacktest, rollingBacktest } from "./forecast/backtest.ts";
export {
  type Band,
  type CountModel,
  DEFAULT_HALF_LIFE_YEARS,
  type ForecastOptions,
  type ForecastResult,
  forecast,
} from "./forecast/forecast.ts";
export {
  ASSUMED_PROTOCOLS_PER_CATEGORY,
  ASSUMED_PROTOCOLS_PER_CHAIN,
  CATEGORIES,
  CATEGORY_COUNT_SOURCES,
  type Category,
  PEG_CATEGORIES,
  PROTOCOLS_PER_CATEGORY,
  PROTOCOLS_PER_CHAIN,
} from "./model/categories.ts";
export {
  type CountKind,
  type DerivedCount,
  deriveProtocolCounts,
  type ProtocolCountOptions,
  type ProtocolCountRow,
  type ProtocolCounts,
  parseProtocolCounts,
  protocolCountNumbers,
} from "./model/exposure.ts";
export { dependencySources } from "./model/graph.ts";
export {
  type Asset,
  type AssetInput,
  type MarketProfile,
  type MarketProfileInput,
  type Pool,
  type Portfolio,
  type PortfolioInput,
  parseMarketProfile,
  parsePortfolio,
  type SeveritySpec,
} from "./model/profile.ts";
export { type FactorContribution, type MarketScore, scoreMarket, scorePortfolio } from "./model/score.ts";
export {
  type MarketMapping,
  NOMINAL_COVER_SHARE,
  type OnchainBook,
  type OnchainMarket,
  type OnchainPool,
  onchainPortfolio,
  type ProtocolFacts,
  scaleSeverity,
  termsName,
} from "./onchain/book.ts";
export { DEVNET_PROTOCOLS, ONCHAIN_ASSETS } from "./onchain/catalogue.ts";
export { type PoolAllocator, PRICE_YEARS_PER_POOL, pricePortfolioByPool } from "./onchain/price.ts";
export { poolPortfolios, prepareSimulation, pricePortfolio } from "./portfolio.ts";
export {
  averageRate,
  type CurveParams,
  DEFAULT_CURVE_SHAPE,
  premiumFor,
  rateAt,
  toCurveParams,
} from "./pricing/curve.ts";
export {
  DEFAULT_PRICING,
  type PriceDecomposition,
  type PricingParameters,
  priceMarket,
  standaloneCapitalPerCover,
} from "./pricing/price.ts";
export type {
  MarketContribution,
  PoolResult,
  SimulationOptions,
  SimulationResult,
} from "./simulation/aggregate.ts";
export { buildSimulationModel, type SimulationModel, simulationModelToJson } from "./simulation/model.ts";
export {
  allocateTailCapitalParallel,
  closeSimulationWorkers,
  type ParallelOptions,
  simulatePortfolioParallel,
} from "./simulation/parallel.ts";
export { simulatePortfolioModel } from "./simulation/simulate.ts";
export {
  runStressScenario,
  STRESS_SCENARIOS,
  type StressResult,
  type StressScenario,
} from "./simulation/stress.ts";
export {
  allocateTailCapital,
  DEFAULT_TAIL_SAMPLING,
  type TailAllocation,
  type TailAllocationOptions,
  type TailMarketAllocation,
} from "./simulation/tail.ts";
