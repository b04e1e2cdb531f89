/*
 * Flow input resolution shared by executeFlow and openFlowDialog/openFlowPanel.
 * - value: a literal (static value) or a mapped value (merge field, template or formula);
 * - collection: true → a scalar becomes [scalar] (blank → []), a list stays a list (no copy);
 *   false → a list is an error unless it holds a single element (that element is passed; [] passes null);
 * - dataType (default Text) converts the value (numeric text → Number, …) or fails with TYPE_MISMATCH.
 */
import { coerceValue, DataTypeError } from 'c/dcRuntime';
import type { DataType, FlowInputMapping } from 'c/dcDefinition';
import { ActionError } from './errors';
import type { FlowInputType, FlowInputVariable } from './types';

export interface ResolvedFlowInput {
    name: string;
    dataType: DataType;
    collection: boolean;
    value: unknown;
}

const FLOW_INPUT_TYPES: Record<DataType, FlowInputType> = {
    Text: 'String',
    Number: 'Number',
    Currency: 'Number',
    Boolean: 'Boolean',
    Date: 'Date',
    DateTime: 'DateTime',
    Record: 'SObject'
};

/** lightning-flow input type of a data type (Text → String, Currency → Number, Record → SObject). */
export function flowInputType(dataType: DataType | undefined): FlowInputType {
    return FLOW_INPUT_TYPES[dataType ?? 'Text'] ?? 'String';
}

/** Resolves and types the inputs of a flow action. `resolve` resolves a definition value in the current scope. */
export function resolveFlowInputs(
    inputs: readonly FlowInputMapping[] | undefined,
    resolve: (value: unknown) => unknown
): ResolvedFlowInput[] {
    return (inputs ?? []).map((input) => {
        const dataType = input.dataType ?? 'Text';
        const collection = input.collection === true;
        let value: unknown;
        try {
            value = resolve(input.value);
        } catch (e) {
            const message = e instanceof Error ? e.message : String(e);
            throw new ActionError('INPUT_ERROR', `Flow input '${input.name}' could not be resolved: ${message}`);
        }
        if (collection) {
            if (value === null || value === undefined || value === '') value = [];
            else if (!Array.isArray(value)) value = [value];
        } else if (Array.isArray(value)) {
            if (value.length > 1) {
                throw new ActionError(
                    'COLLECTION_MISMATCH',
                    `Flow input '${input.name}' received ${value.length} values but is not a collection. Turn on ` +
                        `"Allow multiple values (collection)" for this input (and make the flow variable a collection), ` +
                        `or map a single value such as {!table.FirstSelectedRow.Id}.`
                );
            }
            value = value.length ? value[0] : null;
        }
        try {
            value = coerceValue(value, dataType, {
                isCollection: collection,
                subject: `Flow input '${input.name}' is a ${dataType}${collection ? ' collection' : ''}`,
                verb: 'pass'
            });
        } catch (e) {
            /* c8 ignore next */
            if (!(e instanceof DataTypeError)) throw e;
            throw new ActionError(e.code, e.message);
        }
        return { name: input.name, dataType, collection, value };
    });
}

/** Inputs as the name → value map sent to Apex executeFlow. */
export function toInputMap(inputs: readonly ResolvedFlowInput[]): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (const input of inputs) map[input.name] = input.value;
    return map;
}

/** Inputs as lightning-flow input variables. */
export function toFlowInputVariables(inputs: readonly ResolvedFlowInput[]): FlowInputVariable[] {
    return inputs.map((input) => ({ name: input.name, type: flowInputType(input.dataType), value: input.value }));
}
