/* ISO 8601 dates and date-times as Apex reads them (FlowValueCoercer, JSON.deserialize to Date/Datetime). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Apex FlowValueCoercer.DATETIME_PATTERN: date, time (seconds and milliseconds optional), Z, an offset or nothing (UTC)
const ISO_DATETIME =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):?(\d{2}))?$/;

const realDay = (y: number, m: number, d: number): boolean =>
    m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

/** YYYY-MM-DD naming a real day (Apex Date.daysInMonth). */
export function isValidIsoDate(text: string): boolean {
    const m = ISO_DATE.exec(text);
    return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The instant an ISO 8601 date-time names, as Apex parses it, or null. */
export function isoDateTimeMillis(text: string): number | null {
    const m = ISO_DATETIME.exec(text);
    if (!m) return null;
    const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
    const sec = m[6] === undefined ? 0 : Number(m[6]);
    if (!realDay(y, mo, d) || h > 23 || mi > 59 || sec > 59) return null;
    let millis = Date.UTC(y, mo - 1, d, h, mi, sec) + (m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0')));
    if (m[9] !== undefined) {
        const offset = (Number(m[10]) * 60 + Number(m[11])) * 60000;
        millis += m[9] === '+' ? -offset : offset;
    }
    return millis;
}
