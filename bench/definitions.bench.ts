/*
 * Definition validation benchmark (Node; a benchmark, not a timed test). Targets from issue #12:
 *   1. parsing + validating a definition with 500 resources in one dependency chain: < 200 ms;
 *   2. parsing + validating a 1 MB definition: < 500 ms;
 *   3. linear growth: the same kinds of definition at 3 sizes, time per size unit about constant.
 * Each figure is the median of N runs (after one warm-up) of parseDefinition(text, catalog) against the repo's
 * schema catalog (the project's objects plus the standard object library), as `npm run validate:definitions` runs it.
 *
 * Run: npm run bench -- --only definitions   (or node_modules/.bin/tsx bench/definitions.bench.ts [--runs N])
 * `npm run bench` runs it first, then the browser benchmark. Exits 1 (when run alone) if a target is missed.
 */
import { performance } from 'node:perf_hooks';
import { parseDefinition, type SchemaCatalog } from '../force-app/main/default/lwc/dcDefinition/dcDefinition';
import { loadSchemaCatalog } from '../scripts/lib/schemaCatalog';
import { REPO_ROOT } from '../scripts/lib/paths';

type Json = Record<string, unknown>;

function header(resources: Json[], queries: Json[], components: Json[], interactions: Json[]): Json {
    return {
        schemaVersion: 1,
        apiName: 'Bench_Board',
        label: 'Bench',
        resources,
        queries,
        components,
        interactions
    };
}

/** `n` formulas in one chain: f0 reads a variable, f(i) reads f(i-1); plus a table that shows the last one. */
export function chainDefinition(n: number): string {
    const resources: Json[] = [{ name: 'start', kind: 'variable', dataType: 'Number', value: 1 }];
    for (let i = 0; i < n; i++) {
        resources.push({
            name: `f${i}`,
            kind: 'formula',
            dataType: 'Number',
            formula: `${i ? `{!f${i - 1}}` : '{!start}'} + 1`
        });
    }
    resources.push({ name: 'heading', kind: 'formula', dataType: 'Text', formula: `"Total " & TEXT({!f${n - 1}})` });
    const queries = [{ name: 'contacts', object: 'Contact', fields: ['Name', 'Email'] }];
    const components = [
        {
            name: 'contactsTable',
            type: 'dataTable',
            title: '{!heading}',
            query: 'contacts',
            columns: [{ field: 'Name' }]
        }
    ];
    return JSON.stringify(header(resources, queries, components, []), null, 2);
}

/** One unit of a realistic definition: a variable, a formula, a query, a table with actions and two interactions. */
function unit(i: number): { resources: Json[]; query: Json; component: Json; interactions: Json[] } {
    const table = `table${i}`;
    return {
        resources: [
            { name: `count${i}`, kind: 'variable', dataType: 'Number', value: 0 },
            { name: `label${i}`, kind: 'formula', dataType: 'Text', formula: `"Updated " & TEXT({!count${i}})` }
        ],
        query: {
            name: `contacts${i}`,
            object: 'Contact',
            fields: ['Name', 'Email', 'Phone', 'Account.Name'],
            where: {
                logic: '1 AND (2 OR 3)',
                conditions: [
                    { field: 'AccountId', operator: 'equals', value: '{!$Record.Id}' },
                    { field: 'Email', operator: 'isNull', value: false },
                    { field: 'Name', operator: 'startsWith', value: `A${i}` }
                ]
            },
            orderBy: [{ field: 'Name', direction: 'asc' }],
            searchFields: ['Name', 'Email'],
            pageSize: 50
        },
        component: {
            name: table,
            type: 'dataTable',
            title: `{!label${i}}`,
            query: `contacts${i}`,
            maxRowSelection: 200,
            showSearch: true,
            columns: [
                { field: 'Name', linkToRecord: true, sortable: true },
                { field: 'Email', sortable: true },
                { field: 'Phone' },
                { field: 'Account.Name', label: 'Account' }
            ],
            headerActions: [{ name: 'run', label: 'Run', requiresSelection: true, variant: 'brand' }],
            rowActions: [{ name: 'open', label: 'Open' }]
        },
        interactions: [
            {
                id: `run${i}`,
                on: { event: 'headerActionClick', target: table, action: 'run' },
                do: [
                    {
                        type: 'executeFlow',
                        id: `flow${i}`,
                        flowApiName: 'Set_Contact_Status_Active',
                        inputs: [
                            { name: 'ContactIds', value: `{!${table}.SelectedRowsKeyValue}`, collection: true },
                            { name: 'Count', value: `={!${table}.SelectedRowCount} + 1`, dataType: 'Number' }
                        ],
                        outputs: [{ name: 'updatedCount', resource: `count${i}` }],
                        onFinish: [
                            { type: 'refreshQueries', queries: [`contacts${i}`] },
                            { type: 'showToast', variant: 'success', title: `{!count${i}} contacts updated` }
                        ],
                        onError: [
                            { type: 'showToast', variant: 'error', title: 'Failed', message: '{!$Error.message}' }
                        ]
                    }
                ]
            },
            {
                id: `open${i}`,
                on: { event: 'rowActionClick', target: table, action: 'open' },
                do: [
                    {
                        type: 'navigate',
                        target: 'recordPage',
                        recordId: `{!${table}.ActionRow.Id}`,
                        objectApiName: 'Contact',
                        actionName: 'view'
                    }
                ]
            }
        ]
    };
}

/** A realistic definition of at least `bytes` characters (pretty-printed, as files in definitions/ are). */
export function sizedDefinition(bytes: number): string {
    const resources: Json[] = [];
    const queries: Json[] = [];
    const components: Json[] = [];
    const interactions: Json[] = [];
    // About 3.3 KB per unit pretty-printed; add units until the text is big enough.
    for (let i = 0; ; i++) {
        const u = unit(i);
        resources.push(...u.resources);
        queries.push(u.query);
        components.push(u.component);
        interactions.push(...u.interactions);
        if (i % 20 === 19) {
            const text = JSON.stringify(header(resources, queries, components, interactions), null, 2);
            if (text.length >= bytes) return text;
        }
    }
}

export interface BenchFigure {
    label: string;
    chars: number;
    ms: number;
    target?: number;
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const m = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

function measure(label: string, text: string, catalog: SchemaCatalog, runs: number, target?: number): BenchFigure {
    const check = parseDefinition(text, catalog);
    const errors = check.problems.filter((p) => p.severity !== 'warning');
    if (errors.length)
        throw new Error(`${label}: the benchmark definition is not valid: ${errors[0].path}: ${errors[0].message}`);
    const samples: number[] = [];
    for (let r = 0; r < runs; r++) {
        const start = performance.now();
        parseDefinition(text, catalog);
        samples.push(performance.now() - start);
    }
    return { label, chars: text.length, ms: median(samples), target };
}

/** Runs the benchmark, prints its table and returns whether every target was met. */
export function runDefinitionBench(runs = 7): boolean {
    const catalog = loadSchemaCatalog(REPO_ROOT);
    const figures: BenchFigure[] = [];
    const chains = [500, 1000, 2000];
    for (const n of chains)
        figures.push(measure(`chain of ${n} formulas`, chainDefinition(n), catalog, runs, n === 500 ? 200 : undefined));
    const sizes = [256 * 1024, 512 * 1024, 1024 * 1024];
    for (const bytes of sizes) {
        figures.push(
            measure(
                `${bytes / 1024} KB definition`,
                sizedDefinition(bytes),
                catalog,
                runs,
                bytes === 1024 * 1024 ? 500 : undefined
            )
        );
    }
    const lines = [
        `Definition validation (parseDefinition with the repo's schema catalog), median of ${runs} runs, node ${process.version}`,
        '',
        '| input | characters | time | per 1,000 characters | target |',
        '|---|---:|---:|---:|---|'
    ];
    let ok = true;
    for (const f of figures) {
        const met =
            f.target === undefined ? '' : f.ms < f.target ? `met (< ${f.target} ms)` : `MISSED (< ${f.target} ms)`;
        if (f.target !== undefined && f.ms >= f.target) ok = false;
        lines.push(
            `| ${f.label} | ${f.chars.toLocaleString('en-US')} | ${f.ms.toFixed(1)} ms | ${((f.ms / f.chars) * 1000).toFixed(3)} ms | ${met} |`
        );
    }
    // Linear growth: 4× the input may cost at most 6× the time (4× is linear; the margin absorbs GC and noise).
    for (const [label, first, last] of [
        ['chain 500 → 2000', figures[0], figures[2]],
        ['256 KB → 1 MB', figures[3], figures[5]]
    ] as const) {
        const ratio = last.ms / first.ms;
        const sizeRatio = last.chars / first.chars;
        const linear = ratio <= sizeRatio * 1.5;
        if (!linear) ok = false;
        lines.push(
            '',
            `Growth ${label}: input ×${sizeRatio.toFixed(1)}, time ×${ratio.toFixed(1)} — ${linear ? 'linear (met)' : 'MISSED: worse than linear'}`
        );
    }
    console.log(lines.join('\n'));
    return ok;
}

if (require.main === module) {
    const i = process.argv.indexOf('--runs');
    const runs = Math.max(3, i > 0 ? Number(process.argv[i + 1]) || 7 : 7);
    process.exit(runDefinitionBench(runs) ? 0 : 1);
}
