/*
 * Custom condition logic of a query ("1 AND (2 OR NOT 3)"), parsed the way Salesforce list views and
 * flows read it: numbers are 1-based condition numbers, AND and OR cannot be mixed at one level without
 * parentheses.
 */

export type LogicNode =
    | { kind: 'condition'; index: number }
    | { kind: 'not'; operand: LogicNode }
    | { kind: 'and' | 'or'; operands: LogicNode[] };

export type LogicResult = { ok: true; node: LogicNode; used: Set<number> } | { ok: false; message: string };

interface Token {
    type: 'num' | 'and' | 'or' | 'not' | '(' | ')';
    text: string;
    at: number;
}

function tokenize(src: string): Token[] | string {
    const tokens: Token[] = [];
    const re = /\s*(?:(\d+)|(AND|OR|NOT)\b|(\(|\))|(\S))/giy;
    let m: RegExpExecArray | null;
    while (re.lastIndex < src.length && (m = re.exec(src))) {
        const at = m.index + m[0].length - (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').length;
        if (m[1]) tokens.push({ type: 'num', text: m[1], at });
        else if (m[2]) tokens.push({ type: m[2].toLowerCase() as Token['type'], text: m[2], at });
        else if (m[3]) tokens.push({ type: m[3] as Token['type'], text: m[3], at });
        else if (m[4]) return `unexpected '${m[4]}' at character ${at + 1}; use condition numbers, AND, OR, NOT and parentheses`;
    }
    return tokens;
}

/** Parses custom logic over `conditionCount` conditions. AND / OR alone are accepted too. */
export function parseConditionLogic(src: string, conditionCount: number): LogicResult {
    const tokens = tokenize(src);
    if (typeof tokens === 'string') return { ok: false, message: tokens };
    if (!tokens.length) return { ok: false, message: 'the logic is empty' };
    let pos = 0;
    const used = new Set<number>();

    const fail = (message: string): never => {
        throw new Error(message);
    };
    const describe = (t: Token | undefined): string => (t ? `'${t.text}' at character ${t.at + 1}` : 'the end');

    const primary = (): LogicNode => {
        const t = tokens[pos];
        if (!t) return fail('the logic ends too early: a condition number or ( is missing at the end');
        if (t.type === 'not') {
            pos++;
            return { kind: 'not', operand: primary() };
        }
        if (t.type === '(') {
            pos++;
            const inner = expression();
            if (tokens[pos]?.type !== ')') fail(`missing ) to close the ( at character ${t.at + 1}`);
            pos++;
            return inner;
        }
        if (t.type === 'num') {
            pos++;
            const n = Number(t.text);
            if (n < 1 || n > conditionCount) {
                fail(
                    `condition ${n} does not exist: there ${conditionCount === 1 ? 'is 1 condition' : `are ${conditionCount} conditions`} (numbered from 1)`
                );
            }
            used.add(n);
            return { kind: 'condition', index: n };
        }
        return fail(`expected a condition number, NOT or ( but found ${describe(t)}`);
    };

    const expression = (): LogicNode => {
        const first = primary();
        let op: 'and' | 'or' | undefined;
        const operands = [first];
        while (tokens[pos] && (tokens[pos].type === 'and' || tokens[pos].type === 'or')) {
            const t = tokens[pos];
            const thisOp = t.type as 'and' | 'or';
            if (op && op !== thisOp) {
                fail(
                    `AND and OR are mixed without parentheses at character ${t.at + 1}: add parentheses, e.g. "1 AND (2 OR 3)"`
                );
            }
            op = thisOp;
            pos++;
            operands.push(primary());
        }
        return op ? { kind: op, operands } : first;
    };

    try {
        const node = expression();
        if (pos < tokens.length) fail(`unexpected ${describe(tokens[pos])}: expected AND, OR or the end`);
        return { ok: true, node, used };
    } catch (e) {
        return { ok: false, message: (e as Error).message };
    }
}
