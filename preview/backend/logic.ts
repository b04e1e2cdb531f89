/*
 * Custom condition logic ("1 AND (2 OR NOT 3)"): uses the definition module's parser (c/dcDefinition
 * conditionLogic) so the preview reads logic exactly as validation does.
 */
import { parseConditionLogic, type LogicNode } from '../../force-app/main/default/lwc/dcDefinition/conditionLogic';
import { ServiceError } from './errors';

export type { LogicNode };

export function parseLogic(logic: string, conditionCount: number): LogicNode {
    const r = parseConditionLogic(logic, conditionCount);
    if (!r.ok) throw new ServiceError('INVALID_DEFINITION', `Condition logic "${logic}": ${r.message}.`);
    return r.node;
}
