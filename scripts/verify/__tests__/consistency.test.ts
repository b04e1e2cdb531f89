import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { matching, problemsOf } from './helpers';

test('consistency: an LWC importing a missing Apex method fails, naming the methods that exist', async () => {
    const problems = await problemsOf('consistency', 'consistency-lwc-apex');
    assert.equal(
        matching(
            problems,
            /orderList\.js:3: imports OrderController\.cancelOrder, which does not exist; @AuraEnabled methods of OrderController: listOrders/
        ).length,
        1,
        problems.join('\n')
    );
});

test('consistency: a parameter name the Apex method does not have fails, with a case hint', async () => {
    const problems = await problemsOf('consistency', 'consistency-lwc-apex');
    assert.equal(
        matching(
            problems,
            /orderList\.js:9: passes 'pagesize' to OrderController\.listOrders\(accountId, pageSize\).*did you mean 'pageSize'/
        ).length,
        1,
        problems.join('\n')
    );
});

test('consistency: importing a method that is not @AuraEnabled fails', async () => {
    const problems = await problemsOf('consistency', 'consistency-lwc-apex');
    assert.equal(
        matching(problems, /OrderController\.helper, which is not @AuraEnabled/).length,
        1,
        problems.join('\n')
    );
    assert.equal(problems.length, 3, problems.join('\n'));
});

test('consistency: a class, field and tab missing from the permission set fail; a grant of a missing class fails', async () => {
    const problems = await problemsOf('consistency', 'consistency-permset');
    assert.equal(
        matching(problems, /@AuraEnabled class InvoiceController is not granted by any permission set \(Invoices\)/)
            .length,
        1,
        problems.join('\n')
    );
    assert.equal(
        matching(problems, /custom field Invoice__c\.Amount__c is not granted/).length,
        1,
        problems.join('\n')
    );
    assert.equal(matching(problems, /tab Invoice__c is not granted/).length, 1, problems.join('\n'));
    assert.equal(
        matching(
            problems,
            /Invoices\.permissionset-meta\.xml:4: grants Apex class InvoiceService, which is not in the package/
        ).length,
        1,
        problems.join('\n')
    );
    assert.equal(problems.length, 4, problems.join('\n'));
});

test('consistency: the clean fixture has no problems', async () => {
    assert.deepEqual(await problemsOf('consistency', 'clean'), []);
});

test('consistency: a template binding to a name the class does not have fails, with a did-you-mean; loop names pass', async () => {
    const problems = await problemsOf('consistency', 'consistency-lwc-template');
    assert.equal(
        matching(
            problems,
            /todoList\.html:10: \{summry\} is not a field, getter or method of TodoList \(did you mean \{summary\}\?\)/
        ).length,
        1,
        problems.join('\n')
    );
    assert.equal(
        matching(problems, /todoList\.html:11: \{handleClik\} .*did you mean \{handleClick\}/).length,
        1,
        problems.join('\n')
    );
    // for:item, for:index and iterator names, and commented-out bindings, are not reported
    assert.equal(problems.length, 2, problems.join('\n'));
});

test('consistency: an LWC subscribing to a platform event without Read in a permission set fails; a missing event fails with a did-you-mean', async () => {
    const problems = await problemsOf('consistency', 'consistency-event-permission');
    assert.equal(
        matching(
            problems,
            /orderFeed\.ts:8: names the platform event channel \/event\/Order_Shipped__e .*but no permission set \(Order_Desk\) grants Read on Order_Shipped__e, so users get no events: add <objectPermissions>.*<allowRead>true<\/allowRead>.*<object>Order_Shipped__e<\/object>/
        ).length,
        1,
        problems.join('\n')
    );
    assert.equal(
        matching(
            problems,
            /orderFeed\.ts:15: .*\/event\/Order_Shiped__e .*the package has no platform event Order_Shiped__e .*did you mean \/event\/Order_Shipped__e\?/
        ).length,
        1,
        problems.join('\n')
    );
    // Invoice_Paid__e is granted: neither its subscription nor its objectPermissions entry is reported
    assert.equal(problems.length, 2, problems.join('\n'));
});
