/*
 * `npm run build`: everything an org deploy needs that is not committed.
 *   1. types/apex.generated.d.ts from the @AuraEnabled Apex methods (typed @salesforce/apex imports)
 *   2. custom metadata records from definitions/*.json (Dynamic_Component__mdt)
 *   3. tsc: each LWC's .ts → .js next to it (target ESNext, native decorators)
 *   4. the LWC compiler over every bundle (template and decorator errors)
 * Prints problems as file:line: message and exits non-zero on any.
 */
import { buildProject } from './steps';

buildProject()
    .then((problems) => {
        process.exitCode = problems.length ? 1 : 0;
    })
    .catch((e) => {
        console.error(e);
        process.exit(2);
    });
