import { defineConfig } from 'vitest/config';

// Fast unit tests beside the code; `npm start` itself, as a user runs it; and the same integration
// suite against a real Directus on SQLite and on PostgreSQL. Each integration
// project starts one Directus server shared by its files (tests/setup/directus.ts).
const integration = (database: 'sqlite' | 'pg') => ({
  test: {
    name: database,
    include: ['tests/integration/**/*.test.ts'],
    globalSetup: ['tests/setup/directus.ts'],
    provide: { database },
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          // Fast alone; CI runs them beside both integration suites on two cores, where a test that
          // generates data or hashes passwords has taken over Vitest's default 5 s.
          testTimeout: 20_000,
          exclude: ['tests/integration/**', 'tests/start/**', '**/node_modules/**', '.test-data/**'],
        },
      },
      { test: { name: 'start', include: ['tests/start/**/*.test.ts'], testTimeout: 660_000 } },
      integration('sqlite'),
      integration('pg'),
    ],
  },
});
