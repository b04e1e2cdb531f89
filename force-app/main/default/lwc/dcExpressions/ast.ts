/*
 * AST and result types of the expression language (formulas and merge-field templates).
 * The AST carries no source positions so that two parses of equivalent text compare equal.
 */

export type LiteralValue = string | number | boolean | null;

export type UnaryOperator = '-' | '!';

/** Normalised binary operators: `==` parses as `=`, `<>` parses as `!=`. */
export type BinaryOperator = '||' | '&&' | '=' | '!=' | '<' | '>' | '<=' | '>=' | '&' | '+' | '-' | '*' | '/';

export interface LiteralNode {
    type: 'literal';
    value: LiteralValue;
}

/** `{!contactsTable.FirstSelectedRow.Name}` → path ['contactsTable', 'FirstSelectedRow', 'Name']. */
export interface MergeFieldNode {
    type: 'mergeField';
    path: string[];
}

export interface UnaryNode {
    type: 'unary';
    operator: UnaryOperator;
    operand: Ast;
}

export interface BinaryNode {
    type: 'binary';
    operator: BinaryOperator;
    left: Ast;
    right: Ast;
}

/** Function call; `name` is upper-cased (function names are case-insensitive). */
export interface CallNode {
    type: 'call';
    name: string;
    args: Ast[];
}

/** Text with embedded merge fields; parts are text literals and merge fields, in order. */
export interface TemplateNode {
    type: 'template';
    parts: (LiteralNode | MergeFieldNode)[];
}

export type Ast = LiteralNode | MergeFieldNode | UnaryNode | BinaryNode | CallNode | TemplateNode;

export interface ParseError {
    /** Full sentence, e.g. "Unexpected ')' at position 14 — did you forget an argument?". */
    message: string;
    /** 0-based offset into the source (0 ≤ position ≤ source.length). */
    position: number;
    /** The suggestion alone (also appended to message), e.g. "did you forget an argument?". */
    hint?: string;
}

export type ParseResult = { ok: true; ast: Ast; references: string[] } | { ok: false; error: ParseError };

/** Where merge fields get their values. `path` is the dotted merge-field path split on dots. */
export interface Scope {
    resolve(path: string[]): unknown;
}

export interface EvaluateOptions {
    /** Clock for TODAY() and NOW(); defaults to the system clock. */
    now?: () => Date;
}

export interface ResolveOptions extends EvaluateOptions {
    /**
     * When true, a string that parses as a formula (and is more than a bare literal) is evaluated as a formula,
     * e.g. "{!count} + 1" or "TODAY()". Strings that do not parse as a formula fall back to template/literal.
     * Used for setVariable values and flow input values. Default false: templates only.
     */
    formulas?: boolean;
}

/** Thrown by evaluate() when a value cannot be computed (type mismatch, division by zero, bad VALUE()…). */
export class FormulaError extends Error {
    readonly code: string;
    constructor(message: string, code = 'FORMULA_ERROR') {
        super(message);
        this.name = 'FormulaError';
        this.code = code;
    }
}
