// Flat config: typescript-eslint's type-aware rules catch floating promises and unsafe anys,
// the two mistakes that hurt a long-poll server most.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import kefu from './scripts/lint/importThroughIndex.mjs';

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', '.tsbuild/**', '**/dist/**', 'coverage/**', 'eslint.config.mjs', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'process.env is read only in shared/config (docs/architecture.md, Layout).',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // shared/<m>/ is imported through its index.ts or a secondary entry (scripts/lint/importThroughIndex.mjs).
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { kefu },
    rules: { 'kefu/import-through-index': 'error' },
  },
  {
    // The local rules are plain ESM JavaScript outside every tsconfig: lint them without types.
    files: ['scripts/lint/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['shared/config/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      // Tests hand an environment to the child processes they spawn.
      'no-restricted-syntax': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
