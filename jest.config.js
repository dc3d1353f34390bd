/** Jest: TypeScript tests on an in-memory neo-one node (one node per withContracts call). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking is done once by `tsc --noEmit` in `npm test`.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  // Compiling the four contracts and starting a node takes a few seconds per file.
  testTimeout: 1200000,
  // Two files at a time: each spends most of its time in one thread (neo-one's VM), and a
  // machine of two cores would otherwise run one.
  maxWorkers: 2,
  // neo-one's in-memory nodes leave timers behind after withContracts stops them.
  forceExit: true,
};
