// TEMPORARY measurement (not committed)
const { DataProviderBase } = require('@neo-one/client-core/dist/cjs/provider/DataProviderBase');
const stats = { reads: 0, readMs: 0, tests: 0, testMs: 0 };
let inCall = 0;
const origCall = DataProviderBase.prototype.call;
const origTest = DataProviderBase.prototype.testInvoke;
DataProviderBase.prototype.call = async function (...args: any[]) {
  const t = Date.now(); stats.reads++; inCall++;
  try { return await origCall.apply(this, args); } finally { inCall--; stats.readMs += Date.now() - t; }
};
DataProviderBase.prototype.testInvoke = async function (...args: any[]) {
  if (inCall > 0) return origTest.apply(this, args);
  const t = Date.now(); stats.tests++;
  try { return await origTest.apply(this, args); } finally { stats.testMs += Date.now() - t; }
};
afterAll(() => { console.log(`MEASURE ${JSON.stringify(stats)}`); });
export {};
