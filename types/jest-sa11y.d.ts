// The @sa11y/jest matcher registered in jest-sa11y-setup.js.
declare namespace jest {
    interface Matchers<R> {
        toBeAccessible(config?: unknown): Promise<R>;
    }
}
