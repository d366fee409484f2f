/**
 * Starts the shared mode on loopback: Debian's `redis-server` (a temporary directory, AOF with
 * `appendfsync always`), N instances of the production build (`node build`) on
 * `CLASSROOM_STORE=redis://…`, and Debian's `nginx` in front of them with the sample config
 * `deploy/nginx/classroom.conf`. Used by `npm run cluster:local`, the cluster tests and the bench.
 *
 * Ports: `base` (redis), `base + 1` (nginx), `base + 2…` (instances). The tests and the bench take
 * `base` from `CLASSROOM_CLUSTER_PORT` (default PW_PORT + 40), so checkouts side by side do not
 * collide.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Proc {
	readonly child: ChildProcess;
	/**
	 * SIGKILL (a crash) or SIGTERM; resolves once the process is gone. A process still running
	 * after `graceMs` (default 2 s) is killed.
	 */
	stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

function track(child: ChildProcess): Proc {
	return {
		child,
		stop: (signal = 'SIGTERM', graceMs = 2000) =>
			new Promise((done) => {
				if (child.exitCode !== null || child.signalCode !== null) return done();
				// A server holding SSE streams would wait for them: give it a moment, then kill it.
				const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
				child.once('exit', () => {
					clearTimeout(force);
					done();
				});
				child.kill(signal);
			})
	};
}

/** Waits for `proc` to answer `check`; one that does not is killed, not left behind. */
async function upOrKilled(proc: Proc, check: () => Promise<boolean>, what: string): Promise<Proc> {
	try {
		await waitFor(check, what);
		return proc;
	} catch (error) {
		await proc.stop('SIGKILL');
		throw error;
	}
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		if (await check().catch(() => false)) return;
		await sleep(50);
	}
	throw new Error(`${what} did not come up within ${ms / 1000} s`);
}

/** Redis with its data (AOF) in `dir`: restarting it on the same dir replays the AOF. */
export async function startRedis(dir: string, port: number): Promise<Proc> {
	await mkdir(dir, { recursive: true });
	const child = spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--appendonly',
			'yes',
			'--appendfsync',
			'always',
			'--save',
			'',
			'--protected-mode',
			'no'
		],
		{ stdio: ['ignore', 'ignore', 'inherit'] }
	);
	return upOrKilled(
		track(child),
		async () => {
			const { Redis } = await import('ioredis');
			const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null });
			probe.on('error', () => undefined);
			try {
				await probe.connect();
				return (await probe.ping()) === 'PONG';
			} finally {
				probe.disconnect();
			}
		},
		'redis-server'
	);
}

/** A private copy of `build/` (a rebuild in the working tree cannot pull it away mid-run). */
export async function copyBuild(
	from = 'build'
): Promise<{ appDir: string; remove: () => Promise<void> }> {
	const appDir = await mkdtemp(join(tmpdir(), 'classroom-app-'));
	await cp(from, join(appDir, 'build'), { recursive: true });
	await cp('package.json', join(appDir, 'package.json'));
	await symlink(resolve('node_modules'), join(appDir, 'node_modules'));
	return { appDir, remove: () => rm(appDir, { recursive: true, force: true }) };
}

export async function startInstance(
	appDir: string,
	port: number,
	env: Record<string, string>,
	nodeArgs: string[] = []
): Promise<Proc> {
	// The production server as `npm start` runs it (scripts/serve.js: the classroom's hot routes
	// ahead of SvelteKit), serving the copy of the build in `appDir`.
	const child = spawn('node', [...nodeArgs, resolve('scripts/serve.js')], {
		cwd: appDir,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	return upOrKilled(
		track(child),
		async () => {
			if (child.exitCode !== null) throw new Error(`instance on ${port} exited`);
			return (await fetch(`http://127.0.0.1:${port}/`)).ok;
		},
		`instance on port ${port}`
	);
}

/**
 * nginx with the sample config: its `upstream` lists `instancePorts`, it listens on `port`, and
 * its pid, logs and temp files stay in `dir`.
 */
export async function startNginx(dir: string, port: number, instancePorts: number[]) {
	await mkdir(dir, { recursive: true });
	const sample = await readFile('deploy/nginx/classroom.conf', 'utf8');
	const servers = instancePorts
		.map((p) => `\tserver 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`)
		.join('\n');
	const site = sample
		.replace(/(\tserver 127\.0\.0\.1:\d+[^\n]*\n)+/, `${servers}\n`)
		.replace(/listen 80( backlog=\d+)?;/, `listen 127.0.0.1:${port}$1;`);
	const temp = (name: string) => `${name} ${join(dir, name.replace(/_path$/, ''))};`;
	const config = [
		// Workers of a root-started nginx would run as nobody and could not use `dir`.
		process.getuid?.() === 0 ? 'user root;' : '',
		'worker_processes 1;',
		`pid ${join(dir, 'nginx.pid')};`,
		`error_log ${join(dir, 'error.log')} warn;`,
		'daemon off;',
		'events { worker_connections 8192; }',
		'http {',
		'\taccess_log off;',
		...[
			'client_body_temp_path',
			'proxy_temp_path',
			'fastcgi_temp_path',
			'uwsgi_temp_path',
			'scgi_temp_path'
		].map((name) => `\t${temp(name)}`),
		site,
		'}'
	].join('\n');
	const file = join(dir, 'nginx.conf');
	await writeFile(file, config);
	const child = spawn('nginx', ['-p', dir, '-c', file], { stdio: ['ignore', 'ignore', 'inherit'] });
	return upOrKilled(
		track(child),
		async () => (await fetch(`http://127.0.0.1:${port}/`)).ok,
		'nginx'
	);
}

export interface Cluster {
	redisUrl: string;
	/** The address phones use (nginx). */
	base: string;
	/** Each instance's own address. */
	instances: string[];
	redis: Proc;
	procs: Proc[];
	nginx: Proc;
	/** Kills and starts instance `i` again (same port). */
	restartInstance(i: number, signal?: NodeJS.Signals): Promise<void>;
	killInstance(i: number, signal?: NodeJS.Signals): Promise<void>;
	startInstance(i: number): Promise<void>;
	/** Stops Redis (SIGKILL: a crash) and starts it again on the same AOF. */
	restartRedis(signal?: NodeJS.Signals): Promise<void>;
	/** Stops everything; instances get `graceMs` to exit by themselves (default 2 s). */
	stop(graceMs?: number): Promise<void>;
}

export interface ClusterOptions {
	base: number;
	instances: number;
	/** Extra environment for every instance (rate-limit tuning, XFF_DEPTH…). */
	env?: Record<string, string>;
	nodeArgs?: string[];
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
	const dir = await mkdtemp(join(tmpdir(), 'classroom-cluster-'));
	const build = await copyBuild();
	const redisPort = options.base;
	const nginxPort = options.base + 1;
	const ports = Array.from({ length: options.instances }, (_, i) => options.base + 2 + i);
	const redisUrl = `redis://127.0.0.1:${redisPort}`;
	const env = {
		CLASSROOM_STORE: redisUrl,
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1',
		...options.env
	};
	const redisDir = join(dir, 'redis');
	const cluster: Cluster = {
		redisUrl,
		base: `http://127.0.0.1:${nginxPort}`,
		instances: ports.map((p) => `http://127.0.0.1:${p}`),
		redis: await startRedis(redisDir, redisPort),
		procs: [],
		nginx: undefined as unknown as Proc,
		async killInstance(i, signal = 'SIGKILL') {
			await cluster.procs[i].stop(signal);
		},
		async startInstance(i) {
			cluster.procs[i] = await startInstance(build.appDir, ports[i], env, options.nodeArgs);
		},
		async restartInstance(i, signal = 'SIGKILL') {
			await cluster.killInstance(i, signal);
			await cluster.startInstance(i);
		},
		async restartRedis(signal = 'SIGKILL') {
			await cluster.redis.stop(signal);
			cluster.redis = await startRedis(redisDir, redisPort);
		},
		async stop(graceMs) {
			await Promise.all([
				cluster.nginx?.stop(),
				...cluster.procs.map((p) => p.stop('SIGTERM', graceMs))
			]);
			await cluster.redis.stop();
			await build.remove();
			await rm(dir, { recursive: true, force: true });
		}
	};
	try {
		for (let i = 0; i < ports.length; i++) await cluster.startInstance(i);
		cluster.nginx = await startNginx(join(dir, 'nginx'), nginxPort, ports);
	} catch (error) {
		await cluster.stop();
		throw error;
	}
	return cluster;
}

/** The cluster's base port for tests and the bench: CLASSROOM_CLUSTER_PORT, else PW_PORT + 40. */
export const clusterBasePort = (): number =>
	Number(process.env.CLASSROOM_CLUSTER_PORT ?? Number(process.env.PW_PORT ?? 4173) + 40);
