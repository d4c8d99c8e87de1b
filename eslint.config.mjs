// ESLint (flat config): typescript-eslint, react-hooks and jsx-a11y over every source folder.
// `npm test` runs it (scripts/test-all.sh); `npm run lint` alone.
//
// LOUD: `typescript` in package.json is TypeScript 6 (`@typescript/typescript6`, the classic JS API
// that typescript-eslint needs) and `@typescript/native` is TypeScript 7, which provides the `tsc`
// binary that `npm test` and Next use for type checking. Do not "fix" the alias: typescript-eslint
// does not load under TypeScript 7 (typescript-eslint/typescript-eslint#10940).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.next/**', 'node_modules/**', 'next-env.d.ts', 'data/**', 'public/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // a variable assigned once, after closures that read it were built (harnesses wiring hooks)
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['components/**/*.tsx', 'app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      // The two rules of hooks. The React Compiler's rules (refs read in render, setState in an
      // effect, …) stay off: nothing here is compiled by it, and the charts cache per-array work in
      // refs during render on purpose (components/charts/TimeSeriesChart.tsx).
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      ...jsxA11y.flatConfigs.recommended.rules,
      // Scrollable regions must be focusable so the keyboard can scroll them (axe:
      // scrollable-region-focusable): wide tables, code blocks, the event log.
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: ['pre'], roles: ['group', 'region'] }],
    },
  },
  {
    // LOUD: the first Intl formatter a page builds loads ICU's locale data inside a lab page's load
    // (~60 ms on Lighthouse's phone); numbers go through simulations/core/numberText.ts instead.
    files: ['components/**/*.{ts,tsx}', 'simulations/**/*.ts', 'app/**/*.tsx'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^toLocale(String|DateString|TimeString)$/]", message: 'Use numberText / groupedNumber (simulations/core/numberText.ts): Intl costs a lab page ~60 ms on a phone.' },
        { selector: "MemberExpression[object.name='Intl']", message: 'Use numberText / groupedNumber (simulations/core/numberText.ts): Intl costs a lab page ~60 ms on a phone.' },
      ],
    },
  },
);
