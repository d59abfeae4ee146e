// Lint for the whole tree, plus the rule that keeps sim/ deterministic (ARCHITECTURE.md, Determinism):
// the simulation never reads the wall clock, Math.random, timers, the process or the outside world.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outsideWorldModules = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'tls',
  'child_process',
  'worker_threads',
  'cluster',
  'os',
  'process',
  'readline',
  'perf_hooks',
];

export const simDeterminismRules = {
  'no-restricted-properties': [
    'error',
    {
      object: 'Date',
      property: 'now',
      message: 'sim/ reads time from its clock (sim/time), never the wall clock.',
    },
    { object: 'Math', property: 'random', message: 'sim/ draws from a seeded stream (sim/random.ts).' },
    { object: 'performance', property: 'now', message: 'sim/ never reads the wall clock.' },
    { object: 'globalThis', property: 'setTimeout', message: 'sim/ schedules on the sim clock.' },
    { object: 'globalThis', property: 'setInterval', message: 'sim/ schedules on the sim clock.' },
    { object: 'globalThis', property: 'process', message: 'sim/ never touches the process.' },
  ],
  'no-restricted-globals': [
    'error',
    ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate'].map(
      (name) => ({
        name,
        message: 'sim/ schedules on the sim clock (sim/time/scheduler.ts), never wall timers.',
      }),
    ),
    { name: 'process', message: 'sim/ never touches the process: pass what it needs in.' },
    { name: 'performance', message: 'sim/ never reads the wall clock.' },
    { name: 'fetch', message: 'sim/ never reaches the network.' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'new Date() reads the wall clock; sim/ takes time from its clock.',
    },
    {
      selector: "CallExpression[callee.name='Date'][arguments.length=0]",
      message: 'Date() reads the wall clock; sim/ takes time from its clock.',
    },
  ],
  'no-restricted-imports': [
    'error',
    {
      paths: outsideWorldModules.flatMap((name) => [
        { name, message: 'sim/ does no I/O; cli/ and server/ do.' },
        { name: `node:${name}`, message: 'sim/ does no I/O; cli/ and server/ do.' },
      ]),
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'viewer/dist/', 'coverage/', 'test-fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['sim/**/*.ts'],
    ignores: ['sim/**/*.test.ts'],
    rules: { ...simDeterminismRules, '@typescript-eslint/no-explicit-any': 'error' },
  },
);
