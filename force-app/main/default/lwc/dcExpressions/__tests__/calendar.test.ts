import { dateTextProblem, dateTimeTextProblem, isValidDateText, isValidDateTimeText, parseDateText } from '../calendar';

describe('calendar', () => {
    it('accepts real dates in the range Salesforce stores', () => {
        expect(isValidDateText('2024-02-29')).toBe(true);
        expect(isValidDateText('1700-01-01')).toBe(true);
        expect(isValidDateText('4000-12-31')).toBe(true);
        expect(parseDateText('2026-12-07')).toEqual({ year: 2026, month: 12, day: 7 });
    });

    it('rejects days that do not exist, with the reason', () => {
        expect(dateTextProblem('2025-02-30')).toBe('February 2025 has no day 30');
        expect(dateTextProblem('2023-02-29')).toBe('February 2023 has no day 29');
        expect(dateTextProblem('1900-02-29')).toBe('February 1900 has no day 29');
        expect(dateTextProblem('2025-13-01')).toBe('there is no month 13');
        expect(parseDateText('2025-04-31')).toBeUndefined();
    });

    it('rejects years outside 1700 to 4000', () => {
        expect(dateTextProblem('1699-12-31')).toMatch(/year 1699 is outside/);
        expect(dateTextProblem('0099-01-01')).toMatch(/year 99 is outside/);
        expect(isValidDateText('4001-01-01')).toBe(false);
    });

    it('rejects text that is not YYYY-MM-DD', () => {
        expect(dateTextProblem('7/12/2026')).toMatch(/not a date in the form YYYY-MM-DD/);
    });

    it('checks date-times: calendar, clock and offset', () => {
        expect(isValidDateTimeText('2026-12-07T09:30:00Z')).toBe(true);
        expect(isValidDateTimeText('2026-12-07T09:30:00.123+01:00')).toBe(true);
        expect(dateTimeTextProblem('2026-02-30T09:30:00Z')).toBe('February 2026 has no day 30');
        expect(dateTimeTextProblem('2026-12-07T24:00:00Z')).toMatch(/time of day/);
        expect(dateTimeTextProblem('2026-12-07T10:00:00+15:00')).toMatch(/offset/);
        expect(dateTimeTextProblem('2026-12-07')).toMatch(/not a date-time/);
    });
});
