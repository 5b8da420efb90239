// The subset of nvidia-smi's command line the simulator answers. `-i/--id` is accepted and
// ignored (every GPU is printed), as are `-f`-less output flags nvidia-smi allows.

function takeValue(argv, i, flag) {
  const arg = argv[i];
  if (arg.startsWith(`${flag}=`)) return { value: arg.slice(flag.length + 1), next: i };
  return { value: argv[i + 1] ?? '', next: i + 1 };
}

/** argv → { kind: 'xml' | 'text' | 'list' | 'query' | 'table' | 'version' | 'help' | 'invalid', ... } */
export function parseArgs(argv) {
  let query = false;
  let xml = false;
  let list = false;
  let fields = null;
  let format = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-q' || arg === '--query') query = true;
    else if (arg === '-x' || arg === '--xml-format') xml = true;
    else if (arg === '-L' || arg === '--list-gpus') list = true;
    else if (arg === '-h' || arg === '--help') return { kind: 'help' };
    else if (arg === '--version') return { kind: 'version' };
    else if (arg === '-i' || arg === '--id') i++;
    else if (arg.startsWith('--id=') || /^-i\d+$/.test(arg)) continue;
    else if (arg === '--query-gpu' || arg.startsWith('--query-gpu=')) {
      const taken = takeValue(argv, i, '--query-gpu');
      fields = taken.value.split(',').map((field) => field.trim()).filter(Boolean);
      i = taken.next;
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const taken = takeValue(argv, i, '--format');
      format = taken.value.split(',').map((part) => part.trim());
      i = taken.next;
    } else return { kind: 'invalid', message: `Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.` };
  }
  if (fields) {
    if (!format || format[0] !== 'csv') return { kind: 'invalid', message: '--format=csv is required with --query-gpu' };
    return { kind: 'query', fields, noheader: format.includes('noheader'), nounits: format.includes('nounits') };
  }
  if (query && xml) return { kind: 'xml' };
  if (query) return { kind: 'text' };
  if (list) return { kind: 'list' };
  if (xml) return { kind: 'invalid', message: `Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.` };
  return { kind: 'table' };
}
