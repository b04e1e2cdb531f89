const { defineConfig, globalIgnores } = require('eslint/config');
const lwcRecommendedTs = require('@salesforce/eslint-config-lwc/recommended-ts');
const tseslint = require('typescript-eslint');
const jestPlugin = require('eslint-plugin-jest');
const globals = require('globals');

module.exports = defineConfig([
    globalIgnores([
        'node_modules/**',
        'mdapi_out/**',
        '.sfdx/**',
        '.sf/**',
        '.tools/**',
        '.verify-out/**',
        'coverage/**',
        'preview/dist/**',
        'test-results/**',
        'scripts/verify/fixtures/**',
        // tsc output
        'force-app/**/lwc/**/*.js'
    ]),
    {
        files: ['force-app/**/lwc/**/*.ts'],
        extends: [lwcRecommendedTs, ...tseslint.configs.recommended],
        languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
            'no-eval': 'error',
            'no-new-func': 'error',
            'no-implied-eval': 'error'
        }
    },
    {
        files: ['force-app/test/**/*.ts'],
        extends: [...tseslint.configs.recommended],
        languageOptions: { parser: tseslint.parser, globals: { ...globals.jest } }
    },
    {
        files: ['force-app/**/lwc/**/__tests__/**/*.ts', 'force-app/test/**/*.{js,ts}'],
        plugins: { jest: jestPlugin },
        languageOptions: { globals: { ...globals.node, ...globals.jest } },
        rules: {
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
            '@lwc/lwc/no-async-operation': 'off',
            '@typescript-eslint/no-non-null-assertion': 'off',
            'jest/no-focused-tests': 'error',
            'jest/no-disabled-tests': 'error',
            'jest/expect-expect': 'error'
        }
    },
    {
        files: ['scripts/**/*.ts', 'preview/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
        extends: [...tseslint.configs.recommended],
        languageOptions: { parser: tseslint.parser, globals: { ...globals.node } },
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
            'no-eval': 'error',
            'no-new-func': 'error'
        }
    }
]);
