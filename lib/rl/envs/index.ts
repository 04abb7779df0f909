// Environments: CartPole-v1 (the sanity check) and the trading environments.
export {
  CartPoleEnv, makeCartPole, cartPoleStep, cartPoleTerminal, CARTPOLE_MAX_EPISODE_STEPS, CARTPOLE_GRAVITY, CARTPOLE_MASS_CART,
  CARTPOLE_MASS_POLE, CARTPOLE_HALF_LENGTH, CARTPOLE_FORCE, CARTPOLE_TAU, CARTPOLE_X_THRESHOLD, CARTPOLE_THETA_THRESHOLD,
  CARTPOLE_RESET_BOUND,
} from './cartpole';
export { SingleAssetTradingEnv, DEFAULT_TRADING_ALLOW_SHORT, SHORT, FLAT, LONG, type SingleAssetTradingOptions, type SingleAssetInfo } from './trading/single-asset';
export { PortfolioEnv, DEFAULT_PORTFOLIO_COST_BPS, DEFAULT_TURNOVER_PENALTY, DEFAULT_PORTFOLIO_MAX_LEVERAGE, type PortfolioEnvOptions, type PortfolioInfo } from './trading/portfolio';
export { PairsTradingEnv, DEFAULT_PAIR_LEVERAGE, type PairsTradingOptions, type PairsInfo } from './trading/pairs';
export { projectOntoSimplex, projectOntoL1Ball } from './trading/projection';
export { DifferentialSharpe, DEFAULT_DSR_ETA, DEFAULT_TRADING_REWARD, BANKRUPT_EQUITY_FRACTION, type TradingReward } from './trading/reward';
export { EpisodePlan, DEFAULT_EPISODE_LENGTH, DEFAULT_EPISODE_MODE, type EpisodeMode, type EpisodeOptions } from './trading/episodes';
export { FeatureWindow, DEFAULT_TRADING_WINDOW } from './trading/window';
export { DEFAULT_TRADING_CASH } from './trading/account';
export { TradingEnvBase, type TradingEnvOptions, type TradingCostOptions, type TradingInfo } from './trading/base';
export { PositionTradingEnv } from './trading/position-env';
