const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    // Tests run against the .ts sources (the resolver tries .ts before .js); list them for coverage.
    // (A '!**/*.d.ts' entry here silently empties the report: there are no .d.ts files under lwc anyway.)
    collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!**/__tests__/**'],
    coverageThreshold: { global: { lines: 90 } },
    coverageReporters: ['text-summary', 'json-summary', 'lcov'],
    setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv || []), '<rootDir>/jest-sa11y-setup.js'],
    moduleNameMapper: {
        ...(jestConfig.moduleNameMapper || {}),
        '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation',
        '^lightning/platformShowToastEvent$': '<rootDir>/force-app/test/jest-mocks/lightning/platformShowToastEvent',
        '^lightning/refresh$': '<rootDir>/force-app/test/jest-mocks/lightning/refresh',
        '^lightning/modal$': '<rootDir>/force-app/test/jest-mocks/lightning/modal',
        '^lightning/confirm$': '<rootDir>/force-app/test/jest-mocks/lightning/confirm'
    },
    // __tests__/stubs/ holds stand-in components the tests mount (jest.mock), not tests.
    testPathIgnorePatterns: [
        '/node_modules/',
        '/__tests__/stubs/',
        '<rootDir>/scripts/',
        '<rootDir>/preview/',
        '<rootDir>/e2e/',
        '<rootDir>/bench/'
    ],
    modulePathIgnorePatterns: [
        '<rootDir>/.localdevserver',
        '<rootDir>/mdapi_out',
        '<rootDir>/.verify-out',
        '<rootDir>/preview/dist'
    ]
};
