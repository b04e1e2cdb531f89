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
    isWarning: boolean;
}

/**
 * The setup panel of a Dynamic Component.
 *
 * By default the problems keep the component from rendering: admins (users who can customize the application)
 * see every problem with its path in the definition; everyone else sees one short, friendly sentence. Nothing of
 * the component renders half-configured.
 *
 * componentShown: the component renders below this panel with only the actions whose interaction has problems
 * turned off (or there are only warnings). Only admins see the panel; for anyone else it renders nothing, since the
 * disabled actions carry their own short reason.
 *
 * draft: the definition is a draft in the builder, so the fix is made there rather than in Setup.
 */
export default class SetupErrors extends LightningElement {
    /** Problems to list; each has a JSON path such as components[0].columns[2].field. */
    @api problems: SetupProblem[] = [];
    /** True when the running user can customize the application. */
    @api isAdmin = false;
    /** The definition's label or API name, for the heading. */
    @api definitionLabel = '';
    /** True when the component renders anyway (below the panel), with the actions that have problems turned off. */
    @api componentShown = false;
    /** True when the definition is an unsaved draft shown by the builder. */
    @api draft = false;

    get problemCount(): number {
        return this.problems?.length ?? 0;
    }

    /** Admins always see the panel; other users only the friendly sentence, and only when nothing renders. */
    get showAdminPanel(): boolean {
        return Boolean(this.isAdmin);
    }

    get showFriendly(): boolean {
        return !this.isAdmin && !this.componentShown;
    }

    get heading(): string {
        const n = this.problemCount;
        const subject = this.definitionLabel ? `“${this.definitionLabel}”` : 'This Dynamic Component';
        return `${subject} has ${n} setup ${n === 1 ? 'problem' : 'problems'}`;
    }

    get items(): ProblemView[] {
        return (this.problems ?? []).map((p, i) => ({
            ...p,
            key: `${i}:${p.path}`,
            hasPath: Boolean(p.path),
            isWarning: p.severity === 'warning'
        }));
    }

    get errorCount(): number {
        return (this.problems ?? []).filter((p) => p.severity !== 'warning').length;
    }

    get iconName(): string {
        return this.errorCount ? 'utility:error' : 'utility:warning';
    }

    get iconVariant(): string {
        return this.errorCount ? 'error' : 'warning';
    }

    get iconText(): string {
        return this.errorCount ? 'Error' : 'Warning';
    }

    /** The list interrupts a screen reader only when the component could not render at all. */
    get listRole(): string | undefined {
        return this.componentShown ? undefined : 'alert';
    }

    get summary(): string {
        const errors = this.errorCount;
        const warnings = this.problemCount - errors;
        const parts = [`${errors} ${errors === 1 ? 'error' : 'errors'}`];
        if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
        let effect = '';
        if (this.componentShown && errors) {
            effect =
                ' The actions with errors are turned off: users see them disabled with “This action isn’t set up correctly. Ask your admin.”';
        } else if (this.componentShown) {
            effect = ' Warnings do not stop the component.';
        }
        const fix = this.draft
            ? 'Fix the draft in the builder; the preview follows your edits.'
            : 'Fix the definition in the Definition Builder (or in Setup › Custom Metadata Types › Dynamic Component, or its JSON file), then reload the page.';
        return `${parts.join(', ')}.${effect} ${fix}`;
    }
}
