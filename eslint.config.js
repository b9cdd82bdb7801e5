// Lint, with the process boundaries as rules: a module's folder says where it may run.
//   src/shared    pure: no Node, no Electron, no main or renderer code
//   src/main      Node; only src/main/shell imports `electron`
//   src/preload   the sandboxed preload: `electron` and src/shared only
//   src/renderer  the browser: no Node, no Electron, no main code
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'util', 'stream'];
const electronOnlyInShell = {
  name: 'electron',
  message: 'Only src/main/shell and src/preload may import electron; pass what you need in as an argument.',
};

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', '.tools/', 'test-output/', 'coverage/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/main/shell/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs in the browser sandbox: no Node modules.' },
            { group: ['**/main/**', '**/preload/**'], message: 'The renderer reaches main only through the contract client.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            { group: nodeBuiltins, message: 'src/shared runs anywhere: no Node modules.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared depends on nothing but itself.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [{ group: ['**/renderer/**'], message: 'Main code does not import renderer code.' }],
        },
      ],
    },
  },
  {
    files: ['tests/**'],
    rules: {
      // Tests mock `electron` and may reach into any layer.
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
);
