/**
 * `npm run cluster:local [-- N]`: the shared mode on this machine, for trying it out. Starts
 * Debian's redis-server (AOF, appendfsync always, data in a temporary directory), N instances
 * (default 2) of the production build and nginx in front of them, all on loopback; prints the
 * address; Ctrl-C stops everything. Ports: CLASSROOM_CLUSTER_PORT (default 7000) for Redis, +1
 * for nginx, +2… for the instances. Builds the app first if there is no build.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startCluster } from './cluster.ts';

const instances = Number(process.argv[2] ?? 2);
const base = Number(process.env.CLASSROOM_CLUSTER_PORT ?? 7000);
if (!existsSync('build/index.js')) execSync('npm run build', { stdio: 'inherit' });

const cluster = await startCluster({ base, instances });
console.log(`\nShared classroom mode on loopback:`);
console.log(`  Open:        ${cluster.base}/classroom   (nginx → ${instances} instances)`);
console.log(`  Redis:       ${cluster.redisUrl}   (appendonly yes, appendfsync always)`);
for (const url of cluster.instances) console.log(`  Instance:    ${url}`);
console.log('\nCtrl-C stops Redis, the instances and nginx (the temporary data goes too).');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		void cluster.stop().then(() => process.exit(0));
	});
