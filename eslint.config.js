// Lint: typescript-eslint recommended, plus the rule that keeps time an input (design principle 2):
// wall-clock reads and real timers are allowed only in src/clock/live.ts, which every other module
// reaches through the Clock interface.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const wallClock = {
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Time is an input: use the injected Clock (src/clock).' },
    { object: 'performance', property: 'now', message: 'Time is an input: use the injected Clock (src/clock).' },
    { object: 'process', property: 'hrtime', message: 'Time is an input: use the injected Clock (src/clock).' },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Timers belong to the live clock (src/clock/live.ts).' },
    { name: 'setInterval', message: 'Timers belong to the live clock (src/clock/live.ts).' },
    { name: 'setImmediate', message: 'Timers belong to the live clock (src/clock/live.ts).' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is an input: use the injected Clock.' },
  ],
};

export default tseslint.config(
  // asm/: AssemblyScript (its own tsconfig; compiled by asc into build/)
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'coverage/**', 'web/dist/**', 'build/**', 'asm/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/clock/live.ts'],
    rules: wallClock,
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
