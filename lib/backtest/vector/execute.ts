// Order execution against one account: the arithmetic of vectorbt 1.2.0's buy_nb / sell_nb
// (vectorbt/portfolio/nb.py) for the cases this simulator uses (no cash locking, partial fills
// allowed, no size granularity), so that final values agree with Portfolio.from_signals to
// rounding. Learned from, not copied: the state lives in plain numbers and typed arrays.
//
// Cash model: a buy spends price x size x (1 + fees) + fixed fees and is cut to the cash there is
// (a partial fill); a sell (or short sale) receives price x size x (1 - fees) - fixed fees. A short
// sale adds its proceeds to cash and books them as debt; free cash (cash minus twice the debt) is
// what a new short may use, so shorts cannot be levered beyond 1x of free cash.

/** vectorbt's tolerances for "equal" floats (vectorbt.utils.math_: rel 1e-9, abs 1e-12). */
const REL_TOL = 1e-9;
const ABS_TOL = 1e-12;

/** Orders smaller than this many units are dropped (vectorbt's default min_size). */
export const MIN_ORDER_SIZE = 1e-8;

export function isClose(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(REL_TOL * Math.max(Math.abs(a), Math.abs(b)), ABS_TOL);
}

function isCloseOrLess(a: number, b: number): boolean {
  return isClose(a, b) || a < b;
}

function isLess(a: number, b: number): boolean {
  return !isClose(a, b) && a < b;
}

/** a + b, snapped to 0 when the two cancel to rounding (keeps "flat" exactly flat). */
export function addSnap(a: number, b: number): number {
  const cancels = Math.sign(a) !== Math.sign(b) ? isClose(Math.abs(a), Math.abs(b)) : isClose(a + b, 0);
  return cancels ? 0 : a + b;
}

function snapZero(x: number): number {
  return isClose(x, 0) ? 0 : x;
}

/** Cash of one portfolio (a group of columns sharing it). */
export interface Account {
  cash: number;
  freeCash: number;
}

/** Where a fill is reported; `size` > 0, `side` +1 buy / -1 sell. Reused across orders to avoid allocation. */
export interface Fill {
  size: number;
  price: number;
  fees: number;
  side: number;
}

export function createFill(): Fill {
  return { size: 0, price: 0, fees: 0, side: 0 };
}

/** Per-column holdings, indexed by column. */
export interface Holdings {
  readonly position: Float64Array;
  readonly debt: Float64Array;
}

export interface OrderCosts {
  readonly fees: number;
  readonly fixedFees: number;
  readonly slippage: number;
}

/**
 * Buys `size` units (Infinity: as many as cash allows) of column `col` at `price`.
 * `percent` (NaN for none) caps the cash used at that fraction of the cash; `reduceOnly` limits the
 * buy to covering the short. Returns false when nothing was filled.
 */
export function buy(
  account: Account, holdings: Holdings, col: number, size: number, percent: number, price: number,
  costs: OrderCosts, reduceOnly: boolean, fill: Fill,
): boolean {
  const cash = (account.cash = snapZero(account.cash));
  account.freeCash = snapZero(account.freeCash);
  const position = (holdings.position[col] = snapZero(holdings.position[col]!));
  const debt = (holdings.debt[col] = snapZero(holdings.debt[col]!));
  const { fees, fixedFees } = costs;
  const adjPrice = price * (1 + costs.slippage);
  let cashLimit = cash;
  if (!Number.isNaN(percent)) cashLimit = Math.min(cashLimit, percent * cashLimit);
  if (!reduceOnly) {
    if (cashLimit === 0) return false;
  } else if (position === 0) {
    return false;
  }
  const adjSize = reduceOnly ? Math.min(-position, size) : size;
  if (adjSize === 0) return false;

  let finalSize: number, feesPaid: number, spent: number;
  const reqCash = adjSize * adjPrice;
  const reqFees = reqCash * fees + fixedFees;
  const totalReq = reqCash + reqFees;
  if (isCloseOrLess(totalReq, cashLimit)) {
    finalSize = adjSize;
    feesPaid = reqFees;
    spent = totalReq;
  } else {
    const maxReqCash = addSnap(cashLimit, -fixedFees) / (1 + fees);
    if (maxReqCash <= 0) return false;
    finalSize = maxReqCash / adjPrice;
    feesPaid = cashLimit - maxReqCash;
    spent = cashLimit;
  }
  if (isClose(adjSize, 0) || isLess(finalSize, MIN_ORDER_SIZE)) return false;

  const newPosition = addSnap(position, finalSize);
  if (position < 0) {
    const shortSize = newPosition < 0 ? finalSize : -position;
    const debtDiff = shortSize * (debt / -position);
    holdings.debt[col] = addSnap(debt, -debtDiff);
    account.freeCash = addSnap(account.freeCash + 2 * debtDiff, -spent);
  } else {
    account.freeCash = addSnap(account.freeCash, -spent);
  }
  account.cash = addSnap(cash, -spent);
  holdings.position[col] = newPosition;
  fill.size = finalSize;
  fill.price = adjPrice;
  fill.fees = feesPaid;
  fill.side = 1;
  return true;
}

/**
 * Sells `size` units (Infinity with a percent: the long plus as much short as free cash allows,
 * times percent). `reduceOnly` limits the sale to closing the long. Returns false when nothing was filled.
 */
export function sell(
  account: Account, holdings: Holdings, col: number, size: number, percent: number, price: number,
  costs: OrderCosts, reduceOnly: boolean, fill: Fill,
): boolean {
  const cash = (account.cash = snapZero(account.cash));
  const freeCash = (account.freeCash = snapZero(account.freeCash));
  const position = (holdings.position[col] = snapZero(holdings.position[col]!));
  const debt = (holdings.debt[col] = snapZero(holdings.debt[col]!));
  const { fees, fixedFees } = costs;
  const adjPrice = price * (1 - costs.slippage);

  let sizeLimit: number;
  if (reduceOnly) {
    sizeLimit = Math.min(position, size);
  } else if (size === Infinity && !Number.isNaN(percent)) {
    const longSize = Math.max(position, 0);
    const totalFreeCash = addSnap(freeCash, longSize * adjPrice * (1 - fees));
    if (totalFreeCash <= 0) {
      if (position <= 0) return false;
      sizeLimit = longSize;
    } else {
      const maxShort = addSnap(totalFreeCash, -fixedFees) / (adjPrice * (1 + fees));
      sizeLimit = addSnap(longSize, maxShort);
      if (sizeLimit <= 0) return false;
    }
  } else {
    sizeLimit = size;
  }
  if (!Number.isNaN(percent)) sizeLimit = percent * sizeLimit;
  if (reduceOnly && position === 0) return false;
  if (!Number.isFinite(sizeLimit)) return false;
  if (isClose(sizeLimit, 0) || isLess(sizeLimit, MIN_ORDER_SIZE)) return false;

  const gross = sizeLimit * adjPrice;
  const feesPaid = gross * fees + fixedFees;
  const received = addSnap(gross, -feesPaid);
  if (received < 0) return false;

  const newPosition = addSnap(position, -sizeLimit);
  if (newPosition < 0) {
    const shortValue = (position < 0 ? sizeLimit : -newPosition) * adjPrice;
    holdings.debt[col] = debt + shortValue;
    account.freeCash = addSnap(freeCash, addSnap(received, -2 * shortValue));
  } else {
    account.freeCash = freeCash + received;
  }
  account.cash = cash + received;
  holdings.position[col] = newPosition;
  fill.size = sizeLimit;
  fill.price = adjPrice;
  fill.fees = feesPaid;
  fill.side = -1;
  return true;
}
