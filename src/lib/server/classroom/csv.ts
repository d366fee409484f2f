// The report CSV lives in $lib/classroom so the offline classroom (no server) can build it too.
export * from '$lib/classroom/report-csv';
