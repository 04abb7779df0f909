import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { provenancePath, readProvenance, sha256File, verifyProvenance, writeProvenance } from '../../lib/data';
import { DataFormatError, FileNotFoundError, InvalidArgumentError } from '../../lib/util/errors';
import { runPython } from '../helpers/python';
import { SP500_GZ } from './fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-prov-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('provenance', () => {
  it('sha256File agrees with Python hashlib on the S&P 500 sample', () => {
    // Reference: hashlib.sha256 over the file bytes; exact string equality.
    const ref = runPython<string>('import hashlib\nprint(json.dumps(hashlib.sha256(open(inp, "rb").read()).hexdigest()))', SP500_GZ);
    expect(sha256File(SP500_GZ)).toBe(ref);
    expect(sha256File(SP500_GZ)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes <file>.source.json, reads it back and verifies the hash', () => {
    const file = path.join(dir, 'sp500.csv.gz');
    fs.copyFileSync(SP500_GZ, file);
    const record = { source: 'PyPI arch: arch/data/sp500/sp500.csv.gz', licence: 'NCSA', sha256: sha256File(file), rows: 5031 };
    writeProvenance(file, record);
    expect(fs.existsSync(`${file}.source.json`)).toBe(true);
    expect(provenancePath(file)).toBe(`${file}.source.json`);
    expect(readProvenance(file)).toEqual(record);
    expect(verifyProvenance(file)).toEqual(record);
  });

  it('verifyProvenance names the file, the expected and the actual hash when the bytes changed', () => {
    const file = path.join(dir, 'changed.csv');
    fs.writeFileSync(file, 'Date,Close\n2020-01-02,1\n');
    const expected = sha256File(file);
    writeProvenance(file, { source: 'test', licence: 'CC0', sha256: expected });
    fs.appendFileSync(file, '2020-01-03,2\n');
    const actual = sha256File(file);
    let error: unknown;
    try { verifyProvenance(file); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DataFormatError);
    const message = (error as Error).message;
    expect(message).toContain(file);
    expect(message).toContain(expected);
    expect(message).toContain(actual);
    expect(message).toMatch(/Fix:/);
  });

  it('rejects incomplete records and reports a missing sidecar with a fix', () => {
    const file = path.join(dir, 'x.csv');
    fs.writeFileSync(file, 'a');
    expect(() => writeProvenance(file, { source: 'x', licence: '', sha256: sha256File(file) })).toThrow(/record.licence/);
    expect(() => writeProvenance(file, { source: 'x', licence: 'y', sha256: 'abc' })).toThrow(InvalidArgumentError);
    expect(() => readProvenance(file)).toThrow(FileNotFoundError);
    expect(() => readProvenance(file)).toThrow(/writeProvenance/);
    fs.writeFileSync(`${file}.source.json`, '{"source": "x"}');
    expect(() => readProvenance(file)).toThrow(DataFormatError);
    expect(() => sha256File(path.join(dir, 'none'))).toThrow(FileNotFoundError);
  });

  it('names the missing data file itself (not its sidecar) and how to restore it', () => {
    const missing = path.join(dir, 'gone.csv.gz');
    fs.writeFileSync(`${missing}.source.json`, JSON.stringify({ source: 's', licence: 'l', sha256: 'a'.repeat(64) }));
    expect(() => verifyProvenance(missing)).toThrow(FileNotFoundError);
    expect(() => verifyProvenance(missing)).toThrow(`file not found: ${missing}. Fix: restore the data file from its source`);
  });
});
