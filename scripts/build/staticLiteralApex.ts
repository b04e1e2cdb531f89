/*
 * Generates the Apex test StaticLiteralConformance_Tests from the static-literal table (scripts/lib/
 * staticLiteralCases.ts), so the server runs exactly the cases the client's Jest test runs: for each stored value,
 * ServerInputs.sourceOf (static: taken from the stored definition; client: computed by the browser),
 * FlowContract.valueType (the type the flow contract reads) and, for literals, FlowValueCoercer.coerce (what the
 * flow variable receives, or the code it is refused with).
 *
 *   npx tsx scripts/build/staticLiteralApex.ts          writes the class and its -meta.xml
 *   renderStaticLiteralApex(root)                       the text the check compares (consistency step)
 *
 * The output is formatted with the project's Prettier configuration, so the generated file passes the format step
 * and a stale file is any difference at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as prettier from 'prettier';
import { REPO_ROOT } from '../lib/paths';
import { readStaticLiteralCases, STATIC_LITERAL_TABLE, type StaticLiteralCase } from '../lib/staticLiteralCases';

export const STATIC_LITERAL_CLASS = 'force-app/main/default/classes/StaticLiteralConformance_Tests.cls';

export const STATIC_LITERAL_META = `<?xml version="1.0" encoding="UTF-8" ?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

/** Cases per test method: keeps each method far below Apex's bytecode limit per method. */
const CASES_PER_METHOD = 40;

const SOURCE_CONSTANT: Record<StaticLiteralCase['source'], string> = {
    static: 'ServerInputs.STATIC_SOURCE',
    client: 'ServerInputs.CLIENT_SOURCE',
    user: 'ServerInputs.USER_SOURCE',
    record: 'ServerInputs.RECORD_SOURCE',
    constant: 'ServerInputs.CONSTANT_SOURCE',
    selection: 'ServerInputs.SELECTION_SOURCE'
};

/** JSON with every character outside printable ASCII as a \uXXXX escape (Apex reads it back with JSON). */
function asciiJson(value: unknown): string {
    return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An Apex string literal. */
function apexString(text: string): string {
    return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An Apex expression equal to one typed item `v` of a Text, Boolean, Date or DateTime variable. */
function expectedItem(dataType: StaticLiteralCase['dataType'], v: unknown): string {
    switch (dataType) {
        case 'Boolean':
            return String(v === true);
        case 'Date': {
            const [y, m, d] = String(v).split('-').map(Number);
            return `Date.newInstance(${y}, ${m}, ${d})`;
        }
        case 'DateTime': {
            const t = new Date(String(v));
            return `Datetime.newInstanceGmt(${t.getUTCFullYear()}, ${t.getUTCMonth() + 1}, ${t.getUTCDate()}, ${t.getUTCHours()}, ${t.getUTCMinutes()}, ${t.getUTCSeconds()})`;
        }
        default:
            return `(String) stored(${apexString(asciiJson(v))})`;
    }
}

function assertItem(dataType: StaticLiteralCase['dataType'], expected: unknown, actual: string, label: string): string {
    if (expected === null) return `Assert.isNull(${actual}, ${label});`;
    if (dataType === 'Number' || dataType === 'Currency')
        return `sameNumber(${apexString(String(expected))}, ${actual}, ${label});`;
    return `Assert.areEqual(${expectedItem(dataType, expected)}, ${actual}, ${label});`;
}

function caseLines(c: StaticLiteralCase): string[] {
    const label = apexString(`${c.id}: ${asciiJson(c.value)} as ${c.dataType}${c.collection ? ' collection' : ''}`);
    const valueType = c.valueType === undefined ? 'null' : apexString(c.valueType);
    const checked = `check(${label}, ${apexString(asciiJson(c.value))}, ${apexString(c.dataType)}, ${SOURCE_CONSTANT[c.source]}, ${valueType})`;
    if (c.kind !== 'literal') return [`${checked};`];
    const dataType = apexString(c.dataType);
    if (c.typedError) {
        return [`refused(${label}, ${checked}, ${dataType}, ${c.collection}, ${apexString(c.typedError)});`];
    }
    const typed = `typed(${checked}, ${dataType}, ${c.collection})`;
    if (!Array.isArray(c.typed)) return [assertItem(c.dataType, c.typed ?? null, typed, label)];
    return [
        `items = (List<Object>) ${typed};`,
        `Assert.areEqual(${c.typed.length}, items.size(), ${label});`,
        ...c.typed.map((item, i) => assertItem(c.dataType, item, `items[${i}]`, label))
    ];
}

/** The class text (formatted), from the table under `root`. */
export async function renderStaticLiteralApex(root: string): Promise<string> {
    const cases = readStaticLiteralCases(path.join(root, STATIC_LITERAL_TABLE));
    const methods: string[] = [];
    for (let start = 0; start < cases.length; start += CASES_PER_METHOD) {
        const chunk = cases.slice(start, start + CASES_PER_METHOD);
        const name = `cases${String(start + 1).padStart(3, '0')}To${String(start + chunk.length).padStart(3, '0')}`;
        const body = chunk.flatMap(caseLines);
        // a collection literal's items are checked one by one
        if (body.some((l) => l.startsWith('items = '))) body.unshift('List<Object> items;');
        methods.push(`    @IsTest
    static void ${name}() {
${body.map((l) => `        ${l}`).join('\n')}
    }`);
    }
    const text = `/**
 * @description GENERATED by scripts/build/staticLiteralApex.ts from ${STATIC_LITERAL_TABLE} (and the formulas of
 * conformance.cases.json); do not edit: change the table and run \`npx tsx scripts/build/staticLiteralApex.ts\`.
 * The consistency step of \`npm run verify\` fails when this class is stale. The client's Jest test
 * (staticLiterals.test.ts) runs the same ${cases.length} cases: where the server takes each stored flow input value
 * from (ServerInputs.sourceOf), the type the flow contract reads (FlowContract.valueType) and, for a literal, the
 * value the flow variable receives (FlowValueCoercer.coerce) or the code it is refused with.
 * @group Dynamic Components
 */
@IsTest
private class StaticLiteralConformance_Tests {
    private static final Map<String, Object> NO_RESOURCES = new Map<String, Object>();
    private static final Map<String, String> FLOW_TYPES = new Map<String, String>{
        'Text' => 'String',
        'Number' => 'Number',
        'Currency' => 'Currency',
        'Boolean' => 'Boolean',
        'Date' => 'Date',
        'DateTime' => 'DateTime'
    };

    /** A value as the server reads a stored definition (JSON.deserializeUntyped). */
    private static Object stored(String jsonText) {
        return ((List<Object>) System.JSON.deserializeUntyped('[' + jsonText + ']'))[0];
    }

    /** Asserts the source and the contract type of a stored value; returns the value. */
    private static Object check(String label, String jsonText, String dataType, String source, String valueType) {
        Object value = stored(jsonText);
        Assert.areEqual(source, ServerInputs.sourceOf(value, NO_RESOURCES), label + ': source');
        if (valueType != null) {
            FlowContract.ValueType type = FlowContract.valueType(NO_RESOURCES, value, dataType);
            Assert.areEqual(valueType, type.dataType + (type.isCollection ? ' collection' : ''), label + ': type');
        }
        return value;
    }

    private static FlowCatalog.Variable variable(String dataType, Boolean isCollection) {
        return new FlowCatalog.Variable('v', FLOW_TYPES.get(dataType), isCollection, true, false, null);
    }

    /** The literal as the flow variable receives it. */
    private static Object typed(Object value, String dataType, Boolean isCollection) {
        return FlowValueCoercer.coerce('value', value, variable(dataType, isCollection));
    }

    /** Asserts a typed number by value (scale aside: 12.50 is 12.5). */
    private static void sameNumber(String expected, Object actual, String label) {
        Assert.isTrue(actual instanceof Decimal && Decimal.valueOf(expected) == (Decimal) actual, label + ': got ' + actual);
    }

    /** Asserts the literal is refused with \`code\`. */
    private static void refused(String label, Object value, String dataType, Boolean isCollection, String code) {
        try {
            typed(value, dataType, isCollection);
            Assert.fail(label + ': expected ' + code);
        } catch (DynamicComponentException e) {
            Assert.areEqual(code, e.code, label + ': ' + e.getMessage());
        }
    }

${methods.join('\n\n')}
}
`;
    // the project's Prettier setup (plugins, widths), also when `root` is a fixture outside the repository
    const repoFile = path.join(REPO_ROOT, STATIC_LITERAL_CLASS);
    const options = (await prettier.resolveConfig(repoFile)) ?? {};
    return prettier.format(text, { ...options, filepath: repoFile });
}

/** Writes the class and its -meta.xml under `root`. */
export async function writeStaticLiteralApex(root: string): Promise<string> {
    const file = path.join(root, STATIC_LITERAL_CLASS);
    fs.writeFileSync(file, await renderStaticLiteralApex(root));
    fs.writeFileSync(`${file}-meta.xml`, STATIC_LITERAL_META);
    return file;
}

if (require.main === module) {
    const root = process.argv.includes('--root')
        ? path.resolve(process.argv[process.argv.indexOf('--root') + 1])
        : process.cwd();
    writeStaticLiteralApex(root).then(
        (file) => console.log(`wrote ${path.relative(process.cwd(), file)}`),
        (e: Error) => {
            console.error(e.message);
            process.exit(1);
        }
    );
}
