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
        else if (m[4])
            return `unexpected '${m[4]}' at character ${at + 1}; use condition numbers, AND, OR, NOT and parentheses`;
    }
    return tokens;
}

class LogicParser {
    pos = 0;
    readonly used = new Set<number>();

    constructor(
        private readonly tokens: Token[],
        private readonly conditionCount: number
    ) {}

    private fail(message: string): never {
        throw new Error(message);
    }

    private describe(t: Token | undefined): string {
        return t ? `'${t.text}' at character ${t.at + 1}` : 'the end';
    }

    primary(): LogicNode {
        const t = this.tokens[this.pos];
        if (!t) return this.fail('the logic ends too early: a condition number or ( is missing at the end');
        if (t.type === 'not') {
            this.pos++;
            return { kind: 'not', operand: this.primary() };
        }
        if (t.type === '(') {
            this.pos++;
            const inner = this.expression();
            if (this.tokens[this.pos]?.type !== ')') this.fail(`missing ) to close the ( at character ${t.at + 1}`);
            this.pos++;
            return inner;
        }
        if (t.type === 'num') {
            this.pos++;
            const n = Number(t.text);
            const count = this.conditionCount;
            if (n < 1 || n > count) {
                this.fail(
                    `condition ${n} does not exist: there ${count === 1 ? 'is 1 condition' : `are ${count} conditions`} (numbered from 1)`
                );
            }
            this.used.add(n);
            return { kind: 'condition', index: n };
        }
        return this.fail(`expected a condition number, NOT or ( but found ${this.describe(t)}`);
    }

    expression(): LogicNode {
        const first = this.primary();
        let op: 'and' | 'or' | undefined;
        const operands = [first];
        for (let t = this.tokens[this.pos]; t && (t.type === 'and' || t.type === 'or'); t = this.tokens[this.pos]) {
            const thisOp = t.type;
            if (op && op !== thisOp) {
                this.fail(
                    `AND and OR are mixed without parentheses at character ${t.at + 1}: add parentheses, e.g. "1 AND (2 OR 3)"`
                );
            }
            op = thisOp;
            this.pos++;
            operands.push(this.primary());
        }
        return op ? { kind: op, operands } : first;
    }

    parse(): LogicNode {
        const node = this.expression();
        if (this.pos < this.tokens.length) {
            this.fail(`unexpected ${this.describe(this.tokens[this.pos])}: expected AND, OR or the end`);
        }
        return node;
    }
}

/** Parses custom logic over `conditionCount` conditions. */
export function parseConditionLogic(src: string, conditionCount: number): LogicResult {
    const tokens = tokenize(src);
    if (typeof tokens === 'string') return { ok: false, message: tokens };
    if (!tokens.length) return { ok: false, message: 'the logic is empty' };
    const parser = new LogicParser(tokens, conditionCount);
    try {
        const node = parser.parse();
        return { ok: true, node, used: parser.used };
    } catch (e) {
        return { ok: false, message: (e as Error).message };
    }
}
