/** Analytics of consumption, tariffs, production and forecasts (spec "Analytics"): pure functions, no I/O. */
export * from './common';
export * from './consumption';
export * from './tariff';
export * from './production';
export * from './forecast';
