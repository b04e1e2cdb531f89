import { ERROR_CODES, parseServerError } from 'c/dcRuntime';

describe('parseServerError', () => {
    it('reads the JSON message of an AuraHandledException', () => {
        const error = {
            status: 500,
            body: {
                message: JSON.stringify({
                    code: 'FLOW_INACTIVE',
                    message: 'Flow X has no active version.',
                    details: ['X']
                }),
                exceptionType: 'System.AuraHandledException'
            }
        };
        expect(parseServerError(error)).toEqual({
            code: 'FLOW_INACTIVE',
            message: 'Flow X has no active version.',
            details: ['X']
        });
    });

    it('falls back to the raw text of body.message', () => {
        expect(parseServerError({ body: { message: 'Script-thrown exception' } })).toEqual({
            code: 'APEX_ERROR',
            message: 'Script-thrown exception',
            details: []
        });
        expect(parseServerError({ body: { message: '{not json' } }).message).toBe('{not json');
        expect(parseServerError({ body: { message: '{"code":"X"}' } }).message).toBe('{"code":"X"}');
        expect(parseServerError({ body: { message: '{"message":"m"}' } })).toEqual({
            code: 'UNKNOWN_ERROR',
            message: 'm',
            details: []
        });
        expect(parseServerError({ body: { message: 'Bad', errorCode: 'INVALID_FIELD' } }).code).toBe('INVALID_FIELD');
    });

    it('reads UI API and DML error shapes', () => {
        expect(parseServerError({ body: [{ message: 'one' }] }).message).toBe('one');
        expect(parseServerError({ body: [{ message: 'one' }, { message: 'two' }] })).toEqual({
            code: 'APEX_ERROR',
            message: 'one; two',
            details: ['one', 'two']
        });
        expect(
            parseServerError({
                body: {
                    pageErrors: [{ message: 'page' }],
                    fieldErrors: { Name: [{ message: 'field' }] },
                    output: { errors: [{ message: 'out' }], fieldErrors: { Email: [{ message: 'email' }] } }
                }
            }).message
        ).toBe('out; page; email');
        expect(
            parseServerError({ body: { pageErrors: [{ message: 'p' }], fieldErrors: { A: [{ message: 'f' }] } } })
                .message
        ).toBe('p; f');
    });

    it('reads structured errors, Error instances and strings', () => {
        expect(parseServerError({ code: 'FLOW_FAULT', message: 'fault', details: [1] })).toEqual({
            code: 'FLOW_FAULT',
            message: 'fault',
            details: [1]
        });
        expect(parseServerError({ message: 'plain object' })).toEqual({
            code: 'UNKNOWN_ERROR',
            message: 'plain object',
            details: []
        });
        expect(parseServerError(new Error('boom'))).toEqual({ code: 'CLIENT_ERROR', message: 'boom', details: [] });
        expect(parseServerError(new Error('{"code":"NOT_ALLOWED","message":"no"}')).code).toBe('NOT_ALLOWED');
        expect(parseServerError('{"code":"TOO_MANY_ROWS","message":"too many"}').code).toBe('TOO_MANY_ROWS');
        expect(parseServerError('text')).toEqual({ code: 'UNKNOWN_ERROR', message: 'text', details: [] });
        expect(parseServerError('').message).toBe('Unknown error');
        expect(parseServerError({ statusText: 'Bad Gateway' })).toEqual({
            code: 'HTTP_ERROR',
            message: 'Bad Gateway',
            details: []
        });
        expect(parseServerError(undefined).code).toBe('UNKNOWN_ERROR');
        expect(parseServerError(42).message).toBe('An unknown error occurred.');
        expect(parseServerError({ body: {} }).code).toBe('UNKNOWN_ERROR');
    });

    it('lists the documented error codes', () => {
        expect(ERROR_CODES).toContain('COLLECTION_MISMATCH');
        expect(ERROR_CODES).toHaveLength(14);
    });
});
