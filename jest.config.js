/**
 * Jest, two tiers:
 * - unit (test/unit/): domain rules, the model, the rebuild from recorded events, the CLI's
 *   parsing and units, exports; no node. `npm run test:unit`, seconds.
 * - chain (test/*.test.ts): in-memory neo-one nodes in the test process.
 * `npm test` runs both.
 */
const transform = {
  // Type-checking is done once by `tsc --noEmit` in `npm test`; tsconfig's isolatedModules makes
  // ts-jest transpile each file alone (seconds instead of a type-checked build per file).
  '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
};

module.exports = {
  projects: [
    { displayName: 'unit', testEnvironment: 'node', roots: ['<rootDir>/test/unit'], testMatch: ['**/*.test.ts'], transform },
    {
      displayName: 'chain',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/*.test.ts'],
      transform,
    },
  ],
  // A chain file builds its fixtures once and runs for a minute or two.
  testTimeout: 1200000,
  // Two files at a time: each spends most of its time in one thread (neo-one's VM), and a
  // machine of two cores would otherwise run one.
  maxWorkers: 2,
  // neo-one's in-memory nodes leave timers behind after they are stopped.
  forceExit: true,
};
