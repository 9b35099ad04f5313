/** Type-checking is `npm run typecheck`'s job; ts-jest only transpiles (isolatedModules) to stay fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared', '<rootDir>/functions', '<rootDir>/bin', '<rootDir>/scripts', '<rootDir>/mock', '<rootDir>/test', '<rootDir>/miniprogram'],
  testMatch: ['**/*.test.ts'],
  // Every log line the suite writes is checked against the log record schema.
  setupFilesAfterEnv: ['<rootDir>/test/setup/checkLogLines.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.base.json' }] },
  maxWorkers: 2,
  testTimeout: 20000,
};
