import { runCli } from './program';

await runCli(process.argv);
