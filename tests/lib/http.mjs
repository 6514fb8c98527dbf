// http.mjs -- a small HTTP client with a cookie jar for the integration
// tests, and helpers that reach the test instance's database and kefuctl.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const BASE = process.env.KEFU_URL || 'http://127.0.0.1:8181';
export const INST = process.env.KEFU_INST || '../var/test';
export const ROOT = process.env.KEFU_ROOT || '..';
export const BUILD = process.env.KEFU_BUILD || `${ROOT}/build`;
export const PASSWORD = 'kefu-demo';

export class Client {
  constructor() { this.cookies = new Map(); this.csrf = null; }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keepCookies(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const gone = attrs.some((a) => /max-age=0/i.test(a.trim())) || value === '';
      if (gone) this.cookies.delete(name); else this.cookies.set(name, value);
    }
  }

  async request(method, path, { form, body, headers = {} } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    if (form) {
      body = new URLSearchParams(form).toString();
      h['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(BASE + path, { method, headers: h, body, redirect: 'manual' });
    this.keepCookies(res);
    const text = await res.text();
    const m = text.match(/name="csrf" value="([0-9a-f]{64})"/);
    if (m) this.csrf = m[1];
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }

  get(path, opts) { return this.request('GET', path, opts); }

  // POSTs a form with the current CSRF token unless the form sets its own.
  post(path, form = {}, opts = {}) {
    const f = 'csrf' in form ? form : { csrf: this.csrf ?? '', ...form };
    return this.request('POST', path, { ...opts, form: f });
  }

  async login(user, password = PASSWORD) {
    await this.get('/login');
    const res = await this.post('/login', { username: user, password });
    if (res.status !== 303) throw new Error(`login ${user}: ${res.status}`);
    await this.get('/');
    return res;
  }
}

export async function loggedIn(user) {
  const c = new Client();
  await c.login(user);
  return c;
}

// One SQL statement against the test database as root; tab-separated rows.
export function sql(query) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${INST}/mysql.sock`, '-uroot',
    '-N', '-B', 'kefu', '-e', query], { encoding: 'utf8' }).trim();
}

// A root session kept open between statements (sql() runs each in its
// own), to hold a transaction's locks across HTTP requests: run() resolves
// once the server has answered the statements.
export function sqlSession() {
  const p = spawn('mariadb', ['--no-defaults', `--socket=${INST}/mysql.sock`, '-uroot', '-N', '-B', '-n',
    'kefu'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { out += d; });
  let marks = 0;
  return {
    async run(q) {
      const mark = `done-${++marks}`;
      p.stdin.write(`${q};\nSELECT '${mark}';\n`);
      for (let i = 0; !out.includes(mark); i++) {
        if (i >= 500) throw new Error(`sql session: ${q}: ${out}`);
        await sleep(20);
      }
    },
    end() { p.stdin.end(); return new Promise((r) => p.on('close', r)); },
  };
}

// The application's own database user, for the privilege tests.
export function sqlAsApp(query) {
  const pw = readFileSync(`${INST}/db-password`, 'utf8').trim();
  return execFileSync('mariadb', ['--no-defaults', `--socket=${INST}/mysql.sock`, '-ukefu_app',
    `-p${pw}`, '-N', '-B', 'kefu', '-e', query], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim();
}

export function kefuctl(args, input) {
  return execFileSync(`${BUILD}/cgi-bin/kefuctl`, ['-c', `${INST}/kefu.hdf`, ...args],
    { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

// Runs a stack.sh function (e.g. _start_mariadb) against the test instance.
export function stack(fn, ...args) {
  return execFileSync('bash', ['-c', `. "${ROOT}/tests/lib/stack.sh"; INST="${INST}"; ${fn} ${args.join(' ')}`],
    { encoding: 'utf8', env: { ...process.env, ROOT } });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function masterPid() { return Number(readFileSync(`${INST}/kefu.pid`, 'utf8').trim()); }

export function workerPids() {
  try {
    return execFileSync('pgrep', ['-P', String(masterPid())], { encoding: 'utf8' })
      .trim().split('\n').filter(Boolean).map(Number);
  } catch { return []; }
}

export function kefuLog() { return readFileSync(`${INST}/kefu.log`, 'utf8'); }
