// Trading costs shared by the backtest engines and trading environments: commission and slippage
// models as JSON specs, priced by pure functions.
export {
  commissionFor, checkCommission, perShareCommission, perTradeCommission, bpsCommission, sumCommissions, NO_COMMISSION,
  DEFAULT_PER_SHARE_RATE, DEFAULT_PER_SHARE_MINIMUM, DEFAULT_PER_TRADE_FEE, DEFAULT_COMMISSION_BPS, DEFAULT_BPS_MINIMUM,
  type CommissionModel, type PerShareCommission, type PerTradeCommission, type BpsCommission, type CompositeCommission,
  type PerShareOptions,
} from './commission';
export {
  slippedPrice, fillCapacity, checkSlippage, fixedBpsSlippage, volumeShareSlippage, NO_SLIPPAGE,
  DEFAULT_SLIPPAGE_BPS, DEFAULT_IMPACT, DEFAULT_IMPACT_EXPONENT, DEFAULT_MAX_PARTICIPATION,
  type SlippageModel, type FixedBpsSlippage, type VolumeShareSlippage, type VolumeShareOptions,
} from './slippage';
