/*
 * AST and result types of the expression language (formulas and merge-field templates).
 * The AST carries no source positions so that two parses of equivalent text compare equal.
 */

export type LiteralValue = string | number | boolean | null;

export type UnaryOperator = '-' | '!';

/** Normalised binary operators: `==` parses as `=`, `<>` parses as `!=`. */
export type BinaryOperator = '||' | '&&' | '=' | '!=' | '<' | '>' | '<=' | '>=' | '&' | '+' | '-' | '*' | '/' | '^';

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
    /**
     * Work bound: evaluation stops with a FormulaError (code TOO_MUCH_WORK) after this many steps. One step is one
     * AST node evaluated; every node is evaluated at most once, so a parsed formula never needs more steps than it
     * has nodes. Default MAX_STEPS (100,000).
     */
    maxSteps?: number;
    /** When given, receives the number of steps the evaluation took (for tests and benchmarks). */
    stats?: { steps: number };
}

export interface ResolveOptions extends EvaluateOptions {
    /**
     * When true, a string that starts with `=` is a formula ("={!count} + 1", "=TODAY()"); every other string is a
     * single merge field, a template or literal text ("TODAY()" is the text TODAY()). Used for setVariable values
     * and flow input values. Default false: templates only (a leading `=` is text).
     */
    formulas?: boolean;
}

/**
 * Static type of a formula or of one of its parts. Currency and Percent values are Number; Unknown is a type the
 * checker cannot know (an unknown reference, NULL, a list) and is compatible with everything.
 */
export type FormulaType = 'Text' | 'Number' | 'Boolean' | 'Date' | 'DateTime' | 'Unknown';

/** Result of inferFormulaType: the formula's type and the type errors that are certain. */
export interface FormulaTypeResult {
    type: FormulaType;
    problems: { message: string }[];
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
