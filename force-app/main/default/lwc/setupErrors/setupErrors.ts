import { LightningElement, api } from 'lwc';

/** A problem in a definition, as reported by the validators (client, server or offline). */
export interface SetupProblem {
    path: string;
    message: string;
    severity?: 'error' | 'warning';
}

interface ProblemView extends SetupProblem {
    key: string;
    hasPath: boolean;
}

/**
 * What a Dynamic Component shows instead of its content when its definition has problems.
 * Admins (users who can customize the application) see every problem with its path in the definition;
 * everyone else sees one short, friendly sentence. Nothing of the component renders half-configured.
 */
export default class SetupErrors extends LightningElement {
    /** Problems to list; each has a JSON path such as components[0].columns[2].field. */
    @api problems: SetupProblem[] = [];
    /** True when the running user can customize the application. */
    @api isAdmin = false;
    /** The definition's label or API name, for the heading. */
    @api definitionLabel = '';

    get problemCount(): number {
        return this.problems?.length ?? 0;
    }

    get heading(): string {
        const n = this.problemCount;
        const subject = this.definitionLabel ? `“${this.definitionLabel}”` : 'This Dynamic Component';
        return `${subject} has ${n} setup ${n === 1 ? 'problem' : 'problems'}`;
    }

    get items(): ProblemView[] {
        return (this.problems ?? []).map((p, i) => ({ ...p, key: `${i}:${p.path}`, hasPath: Boolean(p.path) }));
    }

    get errorCount(): number {
        return (this.problems ?? []).filter((p) => p.severity !== 'warning').length;
    }

    get summary(): string {
        const errors = this.errorCount;
        const warnings = this.problemCount - errors;
        const parts = [`${errors} ${errors === 1 ? 'error' : 'errors'}`];
        if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
        return `${parts.join(', ')}. Fix the definition in Setup (Custom Metadata Types › Dynamic Component) or in its JSON file, then reload the page.`;
    }
}
