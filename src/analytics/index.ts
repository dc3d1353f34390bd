/** Analytics of consumption, tariffs, production, forecasts and energy quality (spec "Analytics"): pure functions, no I/O. */
export * from './common';
export * from './consumption';
export * from './tariff';
export * from './production';
export * from './forecast';
export * from './quality';
