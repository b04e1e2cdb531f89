/*
 * Helpers for chunked Execute Flow runs (issue #14) in the preview: the test endpoints of preview/server.ts (seed,
 * write counts, fault injection, chunk delay), the Apex stand-in as either preview user, and the page's run progress.
 * Used by e2e/runsAtScale.e2e.ts and the bench's run step.
 */
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { table } from './page';
import type { FlowRunView } from '../../force-app/main/default/lwc/dcRuntime/apexContract';

export type PreviewUser = 'admin' | 'user';

async function call(baseUrl: string, method: 'GET' | 'POST', path: string, body?: unknown, as?: PreviewUser) {
    const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-preview-as': as ?? 'admin' },
        body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return text ? (JSON.parse(text) as unknown) : null;
}

/** POST /api/test/seed: `count` Contacts named "Seed Contact 00001"… with the given values; resets the write counts. */
export async function seedContacts(baseUrl: string, count: number, values: Record<string, unknown> = {}) {
    return call(baseUrl, 'POST', 'api/test/seed', { object: 'Contact', count, values }) as Promise<{
        created: number;
    }>;
}

/** GET /api/test/write-counts: how many records of the object got 0, 1, 2… committed updates since the seed. */
export async function writeCounts(baseUrl: string, objectName = 'Contact'): Promise<Record<string, number>> {
    const body = (await call(baseUrl, 'GET', `api/test/write-counts?object=${objectName}`)) as {
        byWrites: Record<string, number>;
    };
    return body.byWrites;
}

export async function failIds(baseUrl: string, recordIds: string[], message: string): Promise<void> {
    await call(baseUrl, 'POST', 'api/test/fail-ids', { recordIds, message });
}

export async function clearFailIds(baseUrl: string): Promise<void> {
    await call(baseUrl, 'POST', 'api/test/clear-fail-ids', {});
}

/** POST /api/test/run-delay: every chunk of a run waits this long first (a run slow enough to cancel or reload). */
export async function setChunkDelay(baseUrl: string, ms: number): Promise<void> {
    await call(baseUrl, 'POST', 'api/test/run-delay', { ms });
}

/** DynamicComponentController.<method> as a preview user (the Apex stand-in answers {result} or an error). */
export async function apex<T>(baseUrl: string, method: string, params: object, as: PreviewUser = 'admin'): Promise<T> {
    const body = (await call(baseUrl, 'POST', `api/apex/DynamicComponentController.${method}`, params, as)) as
        { result?: T } | T;
    return body && typeof body === 'object' && 'result' in (body as object)
        ? (body as { result: T }).result
        : (body as T);
}

export function listFlowRuns(baseUrl: string, definitionName: string, as: PreviewUser = 'admin') {
    return apex<FlowRunView[]>(baseUrl, 'listFlowRuns', { definitionName }, as);
}

export function getFlowRun(baseUrl: string, runId: string, as: PreviewUser = 'admin') {
    return apex<FlowRunView>(baseUrl, 'getFlowRun', { runId }, as);
}

/** Calls `read` every 250 ms until `done` holds (or fails after `timeoutMs`, naming `what`). */
export async function pollUntil<T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    what: string,
    timeoutMs: number
) {
    const until = Date.now() + timeoutMs;
    for (;;) {
        const value = await read();
        if (done(value)) return value;
        if (Date.now() > until) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

/** The run progress the host shows (one per followed run). */
export function runProgress(page: Page): Locator {
    return page.locator('c-dynamic-component c-dc-run-progress');
}

/** "12,400 of 25,000 · 50 failed" → {done: 12400, total: 25000, failed: 50}. */
export async function progressCounts(page: Page): Promise<{ done: number; total: number; failed: number }> {
    const text = (await runProgress(page).first().locator('.counts').textContent()) ?? '';
    const m = /([\d,]+) of ([\d,]+)(?: · ([\d,]+) failed)?/.exec(text);
    assert.ok(m, `progress counts in "${text}"`);
    const n = (s: string | undefined) => Number((s ?? '0').replace(/,/g, ''));
    return { done: n(m[1]), total: n(m[2]), failed: n(m[3]) };
}

/** Selects every loaded row with the header checkbox, then "Select all N matching rows" in the banner. */
export async function selectAllMatching(page: Page, total: string): Promise<void> {
    await table(page).locator('input.select-all').click();
    const offer = table(page).locator('button.select-all-matching');
    await offer.filter({ hasText: `Select all ${total} matching rows` }).click();
    await table(page)
        .locator('.matching-text')
        .filter({ hasText: `All ${total} matching rows are selected.` })
        .waitFor();
}
