// A synthetic fleet of dcgm-exporter endpoints for the fleet-sweep benchmark, run as its own
// process so its CPU is not counted against the sweep: HOSTS hosts of 8 GPUs, each at
// /h<n>/metrics on one 127.0.0.1 port, answering what dcgm-exporter 3.x answers for an H100
// (the label set and fields of the real captures in ../shared/fixtures/dcgm-exporter).
// Prints the port on stdout once listening. Usage: node synthetic-dcgm-server.mjs HOSTS
import { createServer } from 'node:http';

const hosts = Number(process.argv[2] ?? 1250);
const FIELDS = [
  ['DCGM_FI_DEV_SM_CLOCK', 'gauge', 'SM clock frequency (in MHz).', (g) => 1980 - (g % 3) * 15],
  ['DCGM_FI_DEV_MEM_CLOCK', 'gauge', 'Memory clock frequency (in MHz).', () => 2619],
  ['DCGM_FI_DEV_MEMORY_TEMP', 'gauge', 'Memory temperature (in C).', (g) => 40 + (g % 7)],
  ['DCGM_FI_DEV_GPU_TEMP', 'gauge', 'GPU temperature (in C).', (g) => 35 + (g % 11)],
  ['DCGM_FI_DEV_POWER_USAGE', 'gauge', 'Power draw (in W).', (g) => (300 + (g % 400) + 0.123).toFixed(6)],
  ['DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION', 'counter', 'Total energy consumption since boot (in mJ).', (g) => 9_000_000_000 + g * 1000],
  ['DCGM_FI_DEV_PCIE_REPLAY_COUNTER', 'counter', 'Total number of PCIe retries.', () => 0],
  ['DCGM_FI_DEV_GPU_UTIL', 'gauge', 'GPU utilization (in %).', (g) => g % 101],
  ['DCGM_FI_DEV_MEM_COPY_UTIL', 'gauge', 'Memory utilization (in %).', (g) => g % 57],
  ['DCGM_FI_DEV_ENC_UTIL', 'gauge', 'Encoder utilization (in %).', () => 0],
  ['DCGM_FI_DEV_DEC_UTIL', 'gauge', 'Decoder utilization (in %).', () => 0],
  ['DCGM_FI_DEV_XID_ERRORS', 'gauge', 'Value of the last XID error encountered.', () => 0],
  ['DCGM_FI_DEV_FB_FREE', 'gauge', 'Framebuffer memory free (in MiB).', (g) => 81000 - (g % 1000) * 40],
  ['DCGM_FI_DEV_FB_USED', 'gauge', 'Framebuffer memory used (in MiB).', (g) => (g % 1000) * 40],
  ['DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL', 'counter', 'Total number of NVLink bandwidth counters for all lanes.', () => 0],
  ['DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS', 'counter', 'Number of remapped rows for uncorrectable errors', () => 0],
  ['DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS', 'counter', 'Number of remapped rows for correctable errors', () => 0],
  ['DCGM_FI_DEV_ROW_REMAP_FAILURE', 'gauge', 'Whether remapping of rows has failed', () => 0],
  ['DCGM_FI_PROF_GR_ENGINE_ACTIVE', 'gauge', 'Ratio of time the graphics engine is active.', (g) => ((g % 101) / 100).toFixed(6)],
  ['DCGM_FI_PROF_PIPE_TENSOR_ACTIVE', 'gauge', 'Ratio of cycles the tensor (HMMA) pipe is active.', (g) => ((g % 83) / 100).toFixed(6)],
  ['DCGM_FI_PROF_DRAM_ACTIVE', 'gauge', 'Ratio of cycles the device memory interface is active sending or receiving data.', (g) => ((g % 61) / 100).toFixed(6)],
  ['DCGM_FI_PROF_PCIE_TX_BYTES', 'gauge', 'The rate of data transmitted over the PCIe bus in bytes per second.', (g) => 340143 + g],
  ['DCGM_FI_PROF_PCIE_RX_BYTES', 'gauge', 'The rate of data received over the PCIe bus in bytes per second.', (g) => 340655 + g],
];

const hex = (n, width) => n.toString(16).padStart(width, '0');
function exposition(host) {
  const lines = [];
  for (const [name, type, help, value] of FIELDS) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (let gpu = 0; gpu < 8; gpu++) {
      const global = host * 8 + gpu;
      const uuid = `GPU-${hex(global, 8)}-5a1e-${hex(host % 65536, 4)}-${hex(gpu, 4)}-${hex(global * 2654435761 % 2 ** 48, 12)}`;
      const bus = `00000000:${hex(0x18 + gpu * 0x10, 2).toUpperCase()}:00.0`;
      lines.push(`${name}{gpu="${gpu}",UUID="${uuid}",pci_bus_id="${bus}",device="nvidia${gpu}",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-node-${String(host).padStart(5, '0')}",DCGM_FI_DRIVER_VERSION="550.54.15",container="",namespace="",pod=""} ${value(global)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const bodies = Array.from({ length: hosts }, (_, host) => Buffer.from(exposition(host)));
const server = createServer((request, response) => {
  const match = /^\/h(\d+)\/metrics$/.exec(request.url ?? '');
  const body = match ? bodies[Number(match[1])] : undefined;
  if (!body) return response.writeHead(404).end();
  response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'content-length': body.length }).end(body);
});
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port} ${bodies.reduce((sum, body) => sum + body.length, 0)}\n`));
process.on('SIGTERM', () => process.exit(0));
