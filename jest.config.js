/** Jest: TypeScript tests on an in-memory neo-one node (one node per withContracts call). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking is done once by `tsc --noEmit` in `npm test`.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  // Compiling the three contracts and starting a node takes a few seconds per file.
  testTimeout: 600000,
  // neo-one's in-memory nodes leave timers behind after withContracts stops them.
  forceExit: true,
};
