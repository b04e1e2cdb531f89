import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ensureSystemTools, installCommand, type SystemTool } from '../lib/systemPackages';

function tool(pkg: string, present: () => boolean): SystemTool {
    return { purpose: `${pkg} things`, debianPackage: pkg, present };
}

test('systemPackages: nothing happens when every tool is present', () => {
    const calls: string[] = [];
    ensureSystemTools([tool('a', () => true)], { isRoot: true, hasApt: true, exec: (c) => (calls.push(c), 0) });
    assert.deepEqual(calls, []);
});

test('systemPackages: as root with apt, missing tools are installed with apt-get', () => {
    let installed = false;
    const calls: string[][] = [];
    ensureSystemTools([tool('chromium', () => installed), tool('java', () => true)], {
        isRoot: true,
        hasApt: true,
        log: () => undefined,
        exec: (cmd, args) => {
            calls.push([cmd, ...args]);
            if (args[0] === 'install') installed = true;
            return 0;
        }
    });
    assert.deepEqual(calls, [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', 'chromium']
    ]);
});

test('systemPackages: not root → stops with the exact command, installs nothing', () => {
    const calls: string[] = [];
    assert.throws(
        () =>
            ensureSystemTools([tool('chromium', () => false)], {
                isRoot: false,
                hasApt: true,
                exec: (c) => (calls.push(c), 0)
            }),
        /Missing chromium \(chromium things\)\. Install it first: sudo apt-get update && apt-get install -y chromium/
    );
    assert.deepEqual(calls, []);
});

test('systemPackages: a failing apt-get or a tool still missing afterwards is an error', () => {
    assert.throws(
        () =>
            ensureSystemTools([tool('x', () => false)], {
                isRoot: true,
                hasApt: true,
                log: () => undefined,
                exec: () => 100
            }),
        /apt-get could not install x/
    );
    assert.throws(
        () =>
            ensureSystemTools([tool('x', () => false)], {
                isRoot: true,
                hasApt: true,
                log: () => undefined,
                exec: () => 0
            }),
        /x installed but still not found/
    );
    assert.equal(
        installCommand([tool('a', () => true), tool('b', () => true)]),
        'apt-get update && apt-get install -y a b'
    );
});
