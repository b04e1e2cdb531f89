/*
 * The preview page: banner, a top navigation with two pages and the "View as" switch, platform toasts (rendered
 * with LBC lightning/toast), a visible log of navigations and refreshes, and a live reload channel in watch mode.
 *  - Components (`/`): definition picker, record context, the chosen c-dynamic-component in a Lightning-like frame;
 *  - Builder (`/?page=builder[&definition=<ApiName>]`): c-dynamic-component-builder (loaded on demand).
 * `?as=user` renders either page as an end user (no Customize Application, no builder permission; see
 * preview/sfdc/registry.ts previewAs). Synthetic shadow MUST be imported first (as on the platform).
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import Toast from 'lightning/toast';
import DynamicComponent from 'c/dynamicComponent';
import { runRefreshHandlers } from '../sfdc/lightning/refresh';
import { previewAs, type PreviewAs } from '../sfdc/registry';

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

type PageName = 'components' | 'builder';

/** The address of a preview page: the page, the definition it shows or edits, the record context, View as. */
function pageUrl(page: PageName, options: { definition?: string; recordId?: string; as?: PreviewAs } = {}): string {
    const q = new URLSearchParams();
    if (page === 'builder') q.set('page', 'builder');
    if (options.definition) q.set('definition', options.definition);
    if (options.recordId) q.set('recordId', options.recordId);
    if (options.as === 'user') q.set('as', 'user');
    const search = q.toString();
    return search ? `/?${search}` : '/';
}

/** Top navigation (current page marked) and the View as switch (reloads the page as the other user). */
function setUpNavigation(page: PageName, definition: string, as: PreviewAs): void {
    const items: Record<PageName, { item: string; link: string; href: string }> = {
        components: {
            item: 'nav-components',
            link: 'nav-components-link',
            href: pageUrl('components', { definition, as })
        },
        builder: { item: 'nav-builder', link: 'nav-builder-link', href: pageUrl('builder', { as }) }
    };
    for (const [name, ids] of Object.entries(items) as [PageName, (typeof items)[PageName]][]) {
        const link = $<HTMLAnchorElement>(ids.link);
        link.href = ids.href;
        if (name === page) {
            $(ids.item).classList.add('slds-is-active');
            link.setAttribute('aria-current', 'page');
        }
    }
    for (const value of ['admin', 'user'] as const) {
        const radio = $<HTMLInputElement>(`view-as-${value}`);
        radio.checked = value === as;
        radio.addEventListener('change', () => {
            if (!radio.checked) return;
            const q = new URLSearchParams(location.search);
            if (value === 'user') q.set('as', 'user');
            else q.delete('as');
            location.search = q.toString();
        });
    }
}

async function showComponents(params: URLSearchParams, as: PreviewAs): Promise<void> {
    const [definitions, records] = await Promise.all([
        getJson<DefinitionEntry[]>('/api/definitions'),
        getJson<SampleRecord[]>('/api/sample-records')
    ]);
    const requested = params.get('definition');
    const chosen = requested ?? definitions[0]?.apiName ?? '';
    const recordId = params.get('recordId') ?? '';
    setUpNavigation('components', chosen, as);

    const picker = $<HTMLSelectElement>('definition-picker');
    for (const d of definitions) picker.append(option(d.apiName, `${d.label} (${d.file})`, d.apiName === chosen));
    if (requested && !definitions.some((d) => d.apiName === requested))
        picker.append(option(requested, `${requested} (not found)`, true));
    const recordPicker = $<HTMLSelectElement>('record-picker');
    recordPicker.append(option('', 'No record context', !recordId));
    for (const r of records)
        recordPicker.append(option(r.id, `${r.objectApiName}: ${r.name} (${r.id})`, r.id === recordId));
    const go = () => {
        location.assign(
            pageUrl('components', { definition: picker.value, recordId: recordPicker.value || undefined, as })
        );
    };
    picker.addEventListener('change', go);
    recordPicker.addEventListener('change', go);
    const edit = $<HTMLAnchorElement>('edit-in-builder');
    edit.hidden = !chosen || as === 'user'; // an admin's shortcut, like the setup panel
    edit.href = pageUrl('builder', { definition: chosen, as });

    const frame = $('component-frame');
    const context = records.find((r) => r.id === recordId);
    $('page-title').textContent = context ? `${context.objectApiName}: ${context.name}` : 'Home';
    installPlatformHandlers(frame);
    if (!chosen) {
        frame.textContent = 'No definitions found in definitions/*.json. Create one in the Builder.';
        return;
    }
    const el = createElement('c-dynamic-component', { is: DynamicComponent });
    Object.assign(el, {
        definitionName: chosen,
        recordId: recordId || undefined,
        objectApiName: context?.objectApiName
    });
    frame.appendChild(el);
}

async function showBuilder(params: URLSearchParams, as: PreviewAs): Promise<void> {
    const definition = params.get('definition') ?? '';
    setUpNavigation('builder', definition, as);
    $('component-controls').hidden = true;
    $('page-title').textContent = 'Definition Builder';
    document.title = 'Definition Builder — local preview';
    const frame = $('component-frame');
    installPlatformHandlers(frame);
    if (as === 'user') {
        // in an org the Builder tab is only visible with the builder permission; here the page stays reachable to
        // show that the server refuses every builder call
        const notice = document.createElement('div');
        notice.className = 'slds-notify slds-notify_alert slds-alert_warning slds-m-bottom_small builder-no-permission';
        notice.setAttribute('role', 'status');
        notice.textContent =
            'End users do not have the Dynamic Components Builder permission: in an org they do not see the Builder tab, and the server refuses every builder call (NOT_ALLOWED). Switch View as to Admin to build.';
        frame.appendChild(notice);
    }
    // loaded on demand: the Components page does not pay for the builder's code
    const { default: DynamicComponentBuilder } = await import('c/dynamicComponentBuilder');
    const el = createElement('c-dynamic-component-builder', { is: DynamicComponentBuilder });
    if (definition) Object.assign(el, { definitionName: definition });
    frame.appendChild(el);
}

async function main(): Promise<void> {
    const params = new URLSearchParams(location.search);
    const as = previewAs();
    document.body.dataset.viewAs = as;
    if (as === 'user') {
        $('preview-banner').querySelector('h2')!.textContent =
            'Local preview — sample data, no Salesforce org — viewing as an end user (no Customize Application, no builder permission)';
    }
    if (params.get('page') === 'builder') await showBuilder(params, as);
    else await showComponents(params, as);
    (window as unknown as { __PREVIEW_READY__: boolean }).__PREVIEW_READY__ = true;
}

watchForReload();
main().catch((e: Error) => {
    const box = $('build-error');
    box.hidden = false;
    box.textContent = 'The preview could not start: ' + e.message;
});
