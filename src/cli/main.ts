// The administration command line: npm run cli -- <command> (docs/api.md, "Command line").
import { parseArgs } from 'node:util';
import { isValidDate } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';
import { openDatabase } from '#db/client.ts';
import { createAccountWithToken, createUser } from '#services/accounts.ts';
import { resetAccountFromCli } from '#services/account-security.ts';
import { backupDatabase, restoreDatabase } from '#services/backup.ts';
import { readSettings, settings } from '#services/config.ts';
import { replicaStatus } from '#services/replication.ts';
import { restoreDrill } from './restore-drill.ts';
import { describeRetention, runRetention } from '#services/retention.ts';

const USAGE = `Usage: npm run cli -- <command>
  token create --name NAME --role ROLE [--organisation ORG]   prints the token alone on the last line
  user create --email EMAIL --role ROLE [--organisation ORG]  reads the password from standard input
    (both: [--organisation-kind KIND] gives a new organisation its kind: siao_115, police, hospital,
     mission_locale, ccas, association or other (the default))
  user reset --email EMAIL                                    reads a one-time password from standard input; removes
                                                              the second factor; a new password is required at sign-in
Passwords: at least 12 characters, and not easy to guess (common passwords, words, names, keyboard patterns).
  backup FILE                                                 consistent, integrity-checked copy (mode 0600)
  restore FILE                                                checks FILE, refuses while a server runs, replaces the database
  replica status                                              how far the replica (REPLICA_URL) is behind the database
  replica drill                                               restores the replica into a new file, starts the service on it,
                                                              checks its health and prints what it holds (counts only)
  retention run [--dry-run] [--today YYYY-MM-DD]              pseudonymises the households whose last contact is more than
                                                              2 years before today (Europe/Paris); prints counts only
Roles: admin, duty_officer, housing_officer, residence_officer, partner. The database is DATABASE_PATH (default data/hebergement.sqlite).`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(argv: string[]): Promise<number> {
  // A bad setting stops the command here, naming the variable.
  readSettings();
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      organisation: { type: 'string' },
      'organisation-kind': { type: 'string' },
      email: { type: 'string' },
      'dry-run': { type: 'boolean' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const path = settings.databasePath();
  if (command === 'token' && sub === 'create') {
    if (!values.name || !values.role) throw new AppError('validation', 'token create needs --name and --role');
    const db = openDatabase(path);
    const t = createAccountWithToken(db, { name: values.name, role: values.role, organisation: values.organisation, organisationKind: values['organisation-kind'] });
    console.log(`Created a ${t.role} account "${values.name}" with an API token (shown once; stored as a SHA-256 digest).`);
    console.log(t.token);
    return 0;
  }
  if (command === 'user' && sub === 'create') {
    if (!values.email || !values.role) throw new AppError('validation', 'user create needs --email and --role');
    if (process.stdin.isTTY) process.stderr.write('Password (then Enter, Ctrl-D): ');
    const password = await readStdin();
    const db = openDatabase(path);
    const u = await createUser(db, { email: values.email, role: values.role, organisation: values.organisation, organisationKind: values['organisation-kind'], password });
    console.log(`Created the ${u.role} account ${u.email}.`);
    return 0;
  }
  if (command === 'user' && sub === 'reset') {
    if (!values.email) throw new AppError('validation', 'user reset needs --email');
    if (process.stdin.isTTY) process.stderr.write('One-time password (then Enter, Ctrl-D): ');
    const password = await readStdin();
    const db = openDatabase(path);
    await resetAccountFromCli(db, values.email, password);
    console.log(`Reset ${values.email.trim().toLowerCase()}: a one-time password, no second factor, a new password required at the next sign-in.`);
    return 0;
  }
  if (command === 'backup' && sub) {
    const db = openDatabase(path);
    const r = await backupDatabase(db, sub);
    console.log(`Backed up ${path} to ${sub} (${r.pages} pages, integrity ok, mode 0600).`);
    return 0;
  }
  if (command === 'restore' && sub) {
    restoreDatabase(sub, path);
    console.log(`Restored ${path} from ${sub} (integrity ok).`);
    return 0;
  }
  if (command === 'replica' && (sub === 'status' || sub === 'drill')) {
    const url = settings.replicaUrl();
    if (!url) throw new AppError('validation', 'REPLICA_URL is not set: there is no replica');
    if (sub === 'status') {
      const generations = await replicaStatus(path, url);
      if (generations.length === 0) {
        console.log(`No replica yet at ${url} for ${path}: replication has not run (set REPLICA_URL and start the service).`);
        return 1;
      }
      for (const g of generations) console.log(`${g.replica} replica, generation ${g.generation}: ${g.lag} behind the database (from ${g.start} to ${g.end})`);
      return 0;
    }
    const r = await restoreDrill(url, { progress: (line) => console.log(line) });
    const stays = Object.entries(r.stays).map(([status, n]) => `${n} ${status}`).join(', ') || 'none';
    console.log(`Restore drill passed: ${r.file} holds ${r.households} households and stays (${stays}); newest stay placed ${r.newestStayAt === null ? 'never' : new Date(r.newestStayAt).toISOString()}.`);
    return 0;
  }
  if (command === 'retention' && sub === 'run') {
    // Checked before the database is opened: a typo must not create or migrate anything.
    if (values.today !== undefined && !isValidDate(values.today)) throw new AppError('validation', `--today must be a real date written YYYY-MM-DD (got "${values.today}")`);
    const db = openDatabase(path);
    const r = runRetention(db, { today: values.today, dryRun: values['dry-run'] ?? false });
    console.log(describeRetention(r));
    if (r.dryRun) console.log('Dry run: nothing was changed.');
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
);
