// quantlab: the workbench's research library. This file is its whole public API; notebooks and
// scripts import from 'quantlab' only. Domains depend one way:
// util -> data -> features/stats -> dataset -> evaluation -> models -> backtest/plot/rl -> pipeline -> tracking
// -> deploy/lifecycle/tuning -> serving, cli.
export * from './util';
export * from './data';
export * from './features';
export * from './stats';
export * from './dataset';
export * from './evaluation';
export * from './models';
export * from './backtest';
export * from './plot';
export * from './pipeline';
export * from './tracking';
export * from './lifecycle';
export * from './tuning';
export * from './deploy';
export * from './serving';
export * from './rl';
