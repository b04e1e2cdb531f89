/*
 * The preview page: banner, definition picker, record context, the chosen c-dynamic-component in a Lightning-like
 * frame, platform toasts (rendered with LBC lightning/toast), a visible log of navigations and refreshes, and a live
 * reload channel in watch mode. Synthetic shadow MUST be imported first (as on the platform).
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import Toast from 'lightning/toast';
import DynamicComponent from 'c/dynamicComponent';
import { runRefreshHandlers } from '../sfdc/lightning/refresh';

interface DefinitionEntry {
    apiName: string;
    label: string;
    file: string;
}
interface SampleRecord {
    id: string;
    objectApiName: string;
    name: string;
}
interface ToastDetail {
    title?: string;
    message?: string;
    variant?: string;
    mode?: string;
    toast?: unknown;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function logActivity(kind: string, text: string): void {
    const list = $('activity-log');
    const li = document.createElement('li');
    li.className = 'preview-activity slds-item';
    li.dataset.kind = kind;
    li.textContent = `${new Date().toLocaleTimeString()} · ${kind}: ${text}`;
    list.prepend(li);
    $('activity-empty').hidden = true;
}

function showNavigation(url: string, pageReference: unknown): void {
    const box = $('navigation-banner');
    box.hidden = false;
    $('navigation-text').textContent = `Navigation requested: ${url}`;
    box.dataset.pageReference = JSON.stringify(pageReference);
}

function installPlatformHandlers(host: HTMLElement): void {
    // Platform ShowToastEvent (no `toast` class in its detail) → LBC toast, like the Lightning container does.
    document.addEventListener(
        'lightning__showtoast',
        (e) => {
            const detail = ((e as CustomEvent).detail ?? {}) as ToastDetail;
            if (detail.toast) return; // LBC's own Toast.show(): let its container handle it
            e.stopPropagation();
            Toast.show(
                {
                    label: detail.title ?? '',
                    message: detail.message ?? '',
                    variant: (detail.variant ?? 'info') as 'info' | 'success' | 'warning' | 'error',
                    mode: (detail.mode ?? 'dismissible') as 'dismissible' | 'sticky'
                },
                host
            );
            logActivity(
                'toast',
                `${detail.variant ?? 'info'} — ${detail.title ?? ''}${detail.message ? ': ' + detail.message : ''}`
            );
        },
        true
    );
    document.addEventListener('lightning__refreshevent', () => {
        logActivity('refresh', 'RefreshEvent received; running registered refresh handlers');
        void runRefreshHandlers();
    });
    window.addEventListener('sfdc:navigate', (e) => {
        const { url, pageReference } = (e as CustomEvent).detail as { url: string; pageReference: unknown };
        logActivity('navigate', `${url} ${JSON.stringify(pageReference)}`);
        showNavigation(url, pageReference);
    });
}

async function getJson<T>(url: string): Promise<T> {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
}

function option(value: string, text: string, selected: boolean): HTMLOptionElement {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    o.selected = selected;
    return o;
}

function watchForReload(): void {
    if (!('EventSource' in window)) return;
    const source = new EventSource('/api/events');
    source.addEventListener('reload', () => location.reload());
    source.addEventListener('build-error', (e) => {
        const box = $('build-error');
        box.hidden = false;
        box.textContent = 'Build failed: ' + (e as MessageEvent).data;
    });
}

async function main(): Promise<void> {
    const params = new URLSearchParams(location.search);
    const [definitions, records] = await Promise.all([
        getJson<DefinitionEntry[]>('/api/definitions'),
        getJson<SampleRecord[]>('/api/sample-records')
    ]);
    const chosen = params.get('definition') ?? definitions[0]?.apiName ?? '';
    const recordId = params.get('recordId') ?? '';

    const picker = $<HTMLSelectElement>('definition-picker');
    for (const d of definitions) picker.append(option(d.apiName, `${d.label} (${d.file})`, d.apiName === chosen));
    const recordPicker = $<HTMLSelectElement>('record-picker');
    recordPicker.append(option('', 'No record context', !recordId));
    for (const r of records)
        recordPicker.append(option(r.id, `${r.objectApiName}: ${r.name} (${r.id})`, r.id === recordId));
    const go = () => {
        const q = new URLSearchParams();
        if (picker.value) q.set('definition', picker.value);
        if (recordPicker.value) q.set('recordId', recordPicker.value);
        location.search = q.toString();
    };
    picker.addEventListener('change', go);
    recordPicker.addEventListener('change', go);

    const frame = $('component-frame');
    const context = records.find((r) => r.id === recordId);
    $('page-title').textContent = context ? `${context.objectApiName}: ${context.name}` : 'Home';
    installPlatformHandlers(frame);
    if (!chosen) {
        frame.textContent = 'No definitions found in definitions/*.json.';
        return;
    }
    const el = createElement('c-dynamic-component', { is: DynamicComponent });
    Object.assign(el, {
        definitionName: chosen,
        recordId: recordId || undefined,
        objectApiName: context?.objectApiName
    });
    frame.appendChild(el);
    (window as unknown as { __PREVIEW_READY__: boolean }).__PREVIEW_READY__ = true;
}

watchForReload();
main().catch((e: Error) => {
    const box = $('build-error');
    box.hidden = false;
    box.textContent = 'The preview could not start: ' + e.message;
});
