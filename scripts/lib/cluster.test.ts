import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instancePorts, keepRunning, PROXY_TEMPLATE, proxyConfig } from './cluster.ts';
import type { RunningProcess } from './directus.ts';
import { spawn } from 'node:child_process';

describe('the proxy in front of several instances', () => {
  it('puts the instances on the ports after the public one', () => {
    expect(instancePorts({ port: 8055, instances: 3 })).toEqual([8056, 8057, 8058]);
  });

  it('fills every place of the kept configuration, one upstream server per instance', () => {
    const text = proxyConfig(readFileSync(PROXY_TEMPLATE, 'utf8'), {
      dir: '/srv/data/cluster',
      temp: '/tmp/zongzhi-nginx',
      listen: '0.0.0.0:8055',
      upstreams: ['127.0.0.1:8056', '127.0.0.1:8057'],
    });
    expect(text).not.toMatch(/\{\{/);
    expect(text).toContain('listen 0.0.0.0:8055;');
    expect(text.match(/^\s+server 127\.0\.0\.1:805[67] /gm)).toHaveLength(2);
    expect(text).toContain('pid /srv/data/cluster/nginx.pid;');
    // A POST an instance received is never passed on to another (no doubled reports).
    expect(text).toMatch(/proxy_next_upstream error timeout;/);
    expect(text).not.toContain('non_idempotent');
  });

  it('refuses a template with a place it does not know', () => {
    expect(() => proxyConfig('listen {{listen}}; {{port}}', { dir: '/d', temp: '/t', listen: 'x', upstreams: [] })).toThrow(/\{\{port\}\}/);
  });

  it.runIf(spawnSync('nginx', ['-v']).status === 0 || spawnSync('/usr/sbin/nginx', ['-v']).status === 0)(
    'is a configuration nginx accepts',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'zongzhi-nginx-test-'));
      const conf = join(dir, 'nginx.conf');
      writeFileSync(
        conf,
        proxyConfig(readFileSync(PROXY_TEMPLATE, 'utf8'), { dir, temp: dir, listen: '127.0.0.1:1', upstreams: ['127.0.0.1:2'] }),
      );
      const nginx = spawnSync('/usr/sbin/nginx', ['-v']).status === 0 ? '/usr/sbin/nginx' : 'nginx';
      const check = spawnSync(nginx, ['-t', '-p', dir, '-e', join(dir, 'error.log'), '-c', conf], { encoding: 'utf8' });
      expect(check.stderr).toContain('syntax is ok');
    },
  );
});

describe('a process kept running', () => {
  const sleeper = async (): Promise<RunningProcess> => {
    const child = spawn('sleep', ['30']);
    return { name: 'sleep', process: child, stop: async () => void child.kill('SIGTERM') };
  };

  it('is started again after it is killed, and not after it is stopped', async () => {
    const lines: string[] = [];
    const kept = await keepRunning('sleeper', sleeper, { delayMs: 10, log: (l) => lines.push(l) });
    const firstPid = kept.process.pid;
    kept.process.kill('SIGKILL');
    await expect.poll(() => kept.process.pid !== firstPid && kept.process.exitCode === null, { timeout: 5000 }).toBe(true);
    expect(lines.join('\n')).toMatch(/sleeper: stopped \(SIGKILL\); starting it again[\s\S]*running again \(restart 1\)/);
    const second = kept.process;
    await kept.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(second.killed).toBe(true);
    expect(kept.process).toBe(second);
  });
});
