/*
 * The run-context warning of the flow contract: an executeFlow action without requiredPermission on a flow that
 * writes records (its own Create / Update / Delete Records elements, or its subflows') whose run mode leaves the
 * context unstated (unset, DefaultMode) or drops sharing (SystemModeWithoutSharing).
 */
import {
    checkFlowAction,
    type FlowCatalog,
    type FlowDescribe,
    type FlowRecordWrite,
    type FlowRunInMode
} from 'c/dcDefinition';

type Json = Record<string, unknown>;

function flow(apiName: string, extra: Partial<FlowDescribe> = {}): FlowDescribe {
    return { apiName, processType: 'AutoLaunchedFlow', triggerType: null, isActive: true, variables: [], ...extra };
}

const UPDATE_CONTACTS: FlowRecordWrite = { element: 'Update_Contacts', operation: 'update', object: 'Contact' };
const CREATE_TASK: FlowRecordWrite = { element: 'Create_Task', operation: 'create', object: 'Task' };

function catalogOf(list: FlowDescribe[]): FlowCatalog {
    return {
        describeFlow: (name) => list.find((f) => f.apiName.toLowerCase() === name.toLowerCase()),
        listFlows: () => list
    };
}

const AT = 'interactions[0].do[0]';

/** The problems of one action as "path [CODE, severity]: message". */
function problemsOf(action: Json, flows: FlowDescribe[]): string[] {
    const doc = { interactions: [{ id: 'go', do: [action] }] };
    return checkFlowAction(doc, { path: AT, action }, catalogOf(flows)).map(
        (p) => `${p.path} [${p.code}, ${p.severity}]: ${p.message}`
    );
}

const run = (flowApiName: string, extra: Json = {}): Json => ({ type: 'executeFlow', flowApiName, ...extra });

const UNSET_MESSAGE =
    `${AT} [RUN_CONTEXT, warning]: Flow 'Set_Active' updates records (Update Records 'Update_Contacts' on Contact) and sets no run mode, so started by this action it runs in system context with sharing: record sharing applies, but the user's object and field permissions are not checked. ` +
    `Set "requiredPermission" on this action to a custom permission that only the intended users have, or set the flow's 'How to Run the Flow' (runInMode) to SystemModeWithSharing in Flow Builder to make that context explicit.`;

describe('c/dcDefinition run-context warning (executeFlow on a flow that writes records)', () => {
    it('warns when the flow writes records and sets no run mode', () => {
        const flows = [flow('Set_Active', { recordWrites: [UPDATE_CONTACTS], runInMode: null })];
        expect(problemsOf(run('Set_Active'), flows)).toEqual([UNSET_MESSAGE]);
    });

    it('warns for DefaultMode, which leaves the context to the caller just the same', () => {
        const flows = [flow('Set_Active', { recordWrites: [UPDATE_CONTACTS], runInMode: 'DefaultMode' })];
        expect(problemsOf(run('Set_Active'), flows)).toEqual([
            UNSET_MESSAGE.replace('and sets no run mode', 'and runs in DefaultMode')
        ]);
    });

    it('warns that SystemModeWithoutSharing ignores sharing, object and field permissions', () => {
        const flows = [
            flow('Set_Active', { recordWrites: [CREATE_TASK, UPDATE_CONTACTS], runInMode: 'SystemModeWithoutSharing' })
        ];
        expect(problemsOf(run('Set_Active'), flows)).toEqual([
            `${AT} [RUN_CONTEXT, warning]: Flow 'Set_Active' creates and updates records (Create Records 'Create_Task' on Task, Update Records 'Update_Contacts' on Contact) and runs in SystemModeWithoutSharing: any user who can run this action changes records whatever their sharing, object and field permissions. ` +
                `Set "requiredPermission" on this action to a custom permission that only the intended users have, or set the flow's 'How to Run the Flow' (runInMode) to SystemModeWithSharing.`
        ]);
    });

    it.each<FlowRunInMode>(['SystemModeWithSharing', 'UserMode'])('is silent when the flow runs in %s', (mode) => {
        const flows = [flow('Set_Active', { recordWrites: [UPDATE_CONTACTS], runInMode: mode })];
        expect(problemsOf(run('Set_Active'), flows)).toEqual([]);
    });

    it('is silent when the action requires a custom permission, whatever the run mode', () => {
        for (const mode of [null, 'DefaultMode', 'SystemModeWithoutSharing'] as const) {
            const flows = [flow('Set_Active', { recordWrites: [UPDATE_CONTACTS], runInMode: mode })];
            expect(problemsOf(run('Set_Active', { requiredPermission: 'Set_Contacts_Active' }), flows)).toEqual([]);
        }
        // a blank permission guards nothing
        const flows = [flow('Set_Active', { recordWrites: [UPDATE_CONTACTS], runInMode: null })];
        expect(problemsOf(run('Set_Active', { requiredPermission: '  ' }), flows)).toEqual([UNSET_MESSAGE]);
    });

    it('is silent for a flow that writes nothing, and where the writes or the run mode are not known (the org)', () => {
        expect(problemsOf(run('Read_Only'), [flow('Read_Only', { recordWrites: [], runInMode: null })])).toEqual([]);
        // the org's catalogue: RunInMode known, writes not
        expect(problemsOf(run('Org_Flow'), [flow('Org_Flow', { runInMode: null })])).toEqual([]);
        // writes known, run mode not
        expect(problemsOf(run('Half_Known'), [flow('Half_Known', { recordWrites: [UPDATE_CONTACTS] })])).toEqual([]);
    });

    it("counts a known subflow's writes, follows subflow cycles once and names the subflow", () => {
        const flows = [
            flow('Parent', { recordWrites: [], subflows: ['Child', 'Not_In_Catalogue'], runInMode: null }),
            flow('Child', { recordWrites: [{ element: 'Delete_Old', operation: 'delete' }], subflows: ['Parent'] })
        ];
        expect(problemsOf(run('Parent'), flows)).toEqual([
            `${AT} [RUN_CONTEXT, warning]: Flow 'Parent' deletes records (Delete Records 'Delete_Old' in subflow 'Child') and sets no run mode, so started by this action it runs in system context with sharing: record sharing applies, but the user's object and field permissions are not checked. ` +
                `Set "requiredPermission" on this action to a custom permission that only the intended users have, or set the flow's 'How to Run the Flow' (runInMode) to SystemModeWithSharing in Flow Builder to make that context explicit.`
        ]);
    });

    it('lists at most three elements and counts the rest', () => {
        const writes: FlowRecordWrite[] = ['A', 'B', 'C', 'D', 'E'].map((e) => ({ element: e, operation: 'update' }));
        const [message] = problemsOf(run('Many'), [flow('Many', { recordWrites: writes, runInMode: null })]);
        expect(message).toContain(
            "updates records (Update Records 'A', Update Records 'B', Update Records 'C', and 2 more) and sets no run mode"
        );
    });

    it('applies to executeFlow only: screen flows shown in a dialog or panel run in the user context', () => {
        const screen = flow('Edit_Screen', { processType: 'Flow', recordWrites: [UPDATE_CONTACTS], runInMode: null });
        expect(problemsOf({ type: 'openFlowDialog', flowApiName: 'Edit_Screen' }, [screen])).toEqual([]);
        // executeFlow on a screen flow is an error already: no warning on top of it
        expect(problemsOf(run('Edit_Screen'), [screen]).map((p) => p.split(' ')[1])).toEqual(['[WRONG_FLOW_TYPE,']);
    });
});
