// templates.test.mjs -- keeps ClearSilver's raw output forms out of the
// templates: uvar, lvar, evar and alt: print without HTML escaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/http.mjs';

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.cs') ? [p] : [];
  });
}

test('no template prints raw (uvar, lvar, evar, alt:)', () => {
  const all = [...files(`${ROOT}/templates`), ...files(`${ROOT}/docs/examples`)];
  assert.ok(all.length >= 5);
  for (const f of all) {
    const bad = readFileSync(f, 'utf8').match(/<\?cs\s+(uvar|lvar|evar|alt)\s*:/);
    assert.equal(bad, null, `${f} uses ${bad && bad[1]}`);
  }
});

test('every language key used in a template exists in both languages', () => {
  const keys = (lang) => {
    const out = new Set();
    for (const f of readdirSync(`${ROOT}/lang`).filter((n) => n.endsWith(`.${lang}.hdf`))) {
      const stack = [];
      for (const raw of readFileSync(`${ROOT}/lang/${f}`, 'utf8').split('\n')) {
        const line = raw.trim();
        let m;
        if ((m = line.match(/^([\w.]+)\s*\{$/))) stack.push(m[1]);
        else if (line === '}') stack.pop();
        else if ((m = line.match(/^([\w.]+)\s*=/))) out.add([...stack, m[1]].join('.'));
      }
    }
    return out;
  };
  const zh = keys('zh_CN'), en = keys('en');
  for (const k of zh) assert.ok(en.has(k), `${k} missing in en`);
  for (const k of en) assert.ok(zh.has(k), `${k} missing in zh_CN`);
  for (const f of files(`${ROOT}/templates`)) {
    for (const m of readFileSync(f, 'utf8').matchAll(/var:L\.([\w.]+)/g)) {
      assert.ok(zh.has(m[1]), `${f}: L.${m[1]} is not in the language files`);
    }
  }
});
