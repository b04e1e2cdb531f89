/*
 * Writes the sample data plan in data/ (for `sf data tree import` and the local preview): 20 accounts
 * and 400 contacts, deterministic (seeded), in files of at most 200 records (the tree-import limit).
 * Contacts carry the sample edit fields (Score__c, Credit_Limit__c, ... Status_Reason__c) and a record type as
 * `RecordType: {Name}` (sf data import tree resolves it to the org's RecordTypeId; so does the preview); picklist
 * values are valid for the contact's record type and, for Status_Reason__c, for its Status__c.
 *   node_modules/.bin/tsx scripts/data/generateSampleData.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../lib/paths';

const FIRST = [
    'Ada',
    'Alan',
    'Grace',
    'Linus',
    'Margaret',
    'Dennis',
    'Barbara',
    'Ken',
    'Frances',
    'Tim',
    'Radia',
    'Donald',
    'Hedy',
    'John',
    'Katherine',
    'Niklaus',
    'Sophie',
    'Guido',
    'Anita',
    'Bjarne'
];
const LAST = [
    'Lovelace',
    'Turing',
    'Hopper',
    'Torvalds',
    'Hamilton',
    'Ritchie',
    'Liskov',
    'Thompson',
    'Allen',
    'Berners-Lee',
    'Perlman',
    'Knuth',
    'Lamarr',
    'McCarthy',
    'Johnson',
    'Wirth',
    'Wilson',
    'van Rossum',
    'Borg',
    'Stroustrup'
];
const COMPANIES = [
    'Acme',
    'Globex',
    'Initech',
    'Umbrella',
    'Stark Industries',
    'Wayne Enterprises',
    'Wonka',
    'Tyrell',
    'Cyberdyne',
    'Soylent',
    'Hooli',
    'Pied Piper',
    'Vandelay',
    'Gringotts',
    'Oscorp',
    'Aperture',
    'Black Mesa',
    'Monarch',
    'Dunder Mifflin',
    'Prestige Worldwide'
];
const TITLES = ['CEO', 'CTO', 'VP Sales', 'Buyer', 'Engineer', 'Analyst', 'Office Manager', 'Consultant'];
const STATUSES = ['New', 'New', 'New', 'Active', 'Inactive'];
/** Status_Reason__c values by Status__c (the field's valueSettings) and by record type (the record type XML). */
const REASONS: Record<string, Record<string, string[]>> = {
    Customer: {
        New: ['Referral', 'Web_Signup'],
        Active: ['Referral', 'Onboarded', 'Renewed'],
        Inactive: ['Churned', 'Moved']
    },
    Partner: { New: ['Referral'], Active: ['Referral', 'Onboarded', 'Renewed'], Inactive: ['Moved', 'Contract_Ended'] }
};
const CHANNELS: Record<string, string[]> = {
    Customer: ['Email', 'Phone', 'In_Person'],
    Partner: ['Email', 'Phone', 'In_Person', 'Partner_Portal']
};
const INTERESTS = ['Analytics', 'Automation', 'Security', 'Mobile', 'Integration'];
const NOTES = [
    'Prefers a short call before any proposal; send the agenda a day ahead.',
    'Met at the regional user group. Interested in the integration roadmap, asked for a follow-up with the product team once the next release notes are out, and wants pricing for a pilot of 50 seats.',
    'Budget review in the next quarter.'
];

/** Small deterministic PRNG (mulberry32) so the data is the same on every machine. */
function rng(seed: number): () => number {
    let a = seed;
    return () => {
        a |= 0;
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export function sampleData(): { accounts: Record<string, unknown>[]; contacts: Record<string, unknown>[] } {
    const rand = rng(20261126);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const accounts = COMPANIES.map((name, i) => ({
        attributes: { type: 'Account', referenceId: `AccountRef${i + 1}` },
        Name: name,
        Industry: pick(['Technology', 'Manufacturing', 'Retail', 'Finance', 'Media']),
        Phone: `(555) 01${String(i).padStart(2, '0')}-0000`
    }));
    // a second generator for the fields added later, so the first one's sequence (names, titles, statuses) is kept
    const more = rng(20261207);
    const pickMore = <T>(xs: T[]): T => xs[Math.floor(more() * xs.length)];
    const contacts = Array.from({ length: 400 }, (_, i) => {
        const first = FIRST[i % FIRST.length];
        const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
        const account = accounts[Math.floor(rand() * accounts.length)];
        const domain = String(account.Name)
            .toLowerCase()
            .replace(/[^a-z]/g, '');
        const contact: Record<string, unknown> = {
            attributes: { type: 'Contact', referenceId: `ContactRef${i + 1}` },
            FirstName: first,
            LastName: last,
            Email: `${first}.${last}.${i + 1}@${domain}.example.com`.toLowerCase().replace(/\s+/g, ''),
            Phone: `(555) ${String(100 + (i % 900)).padStart(3, '0')}-${String(1000 + i).slice(-4)}`,
            Title: pick(TITLES),
            Status__c: pick(STATUSES),
            AccountId: `@${account.attributes.referenceId}`
        };
        const recordType = i % 4 === 3 ? 'Partner' : 'Customer';
        const status = String(contact.Status__c);
        const extra: Record<string, unknown> = {
            RecordType: { Name: recordType },
            Status_Reason__c: more() < 0.7 ? pickMore(REASONS[recordType][status]) : null,
            Preferred_Channel__c: pickMore(CHANNELS[recordType]),
            Score__c: Math.floor(more() * 101),
            Credit_Limit__c: more() < 0.8 ? 500 * (1 + Math.floor(more() * 40)) : null,
            Discount__c: more() < 0.6 ? Math.round(more() * 100) / 4 : null,
            Next_Meeting__c:
                more() < 0.5
                    ? new Date(
                          Date.UTC(
                              2027,
                              0,
                              4 + Math.floor(more() * 120),
                              8 + Math.floor(more() * 9),
                              more() < 0.5 ? 0 : 30
                          )
                      ).toISOString()
                    : null,
            LinkedIn_Profile__c: `https://www.linkedin.com/in/${first}-${last}-${i + 1}`
                .toLowerCase()
                .replace(/\s+/g, '-'),
            Interests__c: INTERESTS.filter(() => more() < 0.3).join(';') || null,
            DoNotCall: i % 9 === 0,
            Notes__c: i % 5 === 0 ? pickMore(NOTES) : null
        };
        // sf data import tree sends every key: leave blank fields out instead of sending nulls
        for (const [k, v] of Object.entries(extra)) if (v !== null) contact[k] = v;
        return contact;
    });
    return { accounts, contacts };
}

function write(file: string, records: unknown[]): void {
    fs.writeFileSync(path.join(REPO_ROOT, 'data', file), `${JSON.stringify({ records }, null, 4)}\n`);
}

if (require.main === module) {
    const { accounts, contacts } = sampleData();
    fs.mkdirSync(path.join(REPO_ROOT, 'data'), { recursive: true });
    write('Accounts.json', accounts);
    write('Contacts-1.json', contacts.slice(0, 200));
    write('Contacts-2.json', contacts.slice(200));
    const plan = [
        { sobject: 'Account', saveRefs: true, resolveRefs: false, files: ['Accounts.json'] },
        { sobject: 'Contact', saveRefs: false, resolveRefs: true, files: ['Contacts-1.json', 'Contacts-2.json'] }
    ];
    fs.writeFileSync(path.join(REPO_ROOT, 'data', 'data-plan.json'), `${JSON.stringify(plan, null, 4)}\n`);
    console.log(`data/: ${accounts.length} accounts, ${contacts.length} contacts`);
}
