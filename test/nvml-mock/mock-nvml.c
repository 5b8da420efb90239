/*
 * A stand-in libnvidia-ml.so for the tests: answers the NVML calls Sietch makes with values read
 * from a data file (SIETCH_NVML_MOCK_DATA), which test/support/nvml-mock.ts writes from a real
 * nvidia-smi capture — bytes and milliwatts, the units NVML uses. Built by the test setup with
 *   gcc -shared -fPIC -O2 -o libnvidia-ml.so.1 mock-nvml.c
 * The NVML types and codes come from native/src/nvml-api.h, the header the addon is built with.
 *
 * Data file, one statement a line ('#' starts a comment):
 *   init <code>                          what nvmlInit_v2 returns (default 0)
 *   count <code>                         what nvmlDeviceGetCount_v2 returns (default 0)
 *   system <key> <code> <value>          driverVersion, nvmlVersion, cudaDriverVersion
 *   device <index> <handle code>         starts a GPU; nvmlDeviceGetHandleByIndex_v2 returns the code
 *   mig <slot>                           starts a MIG device of the last GPU
 *   <key> <code> [value]                 one answer of the current GPU or MIG device (the last one wins)
 *   * <code>                             every query of the current device returns <code> (a lost GPU)
 *   process <C|G> <pid> <bytes> <gi> <ci> a running process of the current GPU
 * A key that is not given answers NVML_ERROR_NOT_SUPPORTED.
 * SIETCH_NVML_MOCK_DELAY_MS makes nvmlDeviceGetCount_v2 sleep first (a hung driver).
 *
 * Confidential computing (every GPU answers the same; the environment is read at each call):
 *   SIETCH_NVML_MOCK_CC_STATE "<ccFeature> <environment> <devToolsMode>" for
 *                             nvmlSystemGetConfComputeState (unset: NOT_SUPPORTED)
 *   SIETCH_NVML_MOCK_CC_REPORT a file of hex (a real capture of SPDM request || response): the
 *                             attestation report's bytes (unset: NOT_SUPPORTED, as with CC off)
 *   SIETCH_NVML_MOCK_CC_CHAIN  a PEM file: the attestation certificate chain (unset: NOT_SUPPORTED)
 *   SIETCH_NVML_MOCK_CC_NONCE_OUT  a file that gets a line "gpu <index> nonce <hex>" for each
 *                             report asked for: the nonce as it reached the driver call
 *   SIETCH_NVML_MOCK_CC_DELAY_MS   the report call sleeps first (a GPU slow to sign)
 * Built with -DSIETCH_MOCK_NVML_NO_CC, the library lacks these three functions: a driver before R535.
 * The file is read again (at the driver-version query and the device count) when
 * SIETCH_NVML_MOCK_DATA names another one, or
 * every time with SIETCH_NVML_MOCK_LIVE=1.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nvml-api.h"

#define EXPORT __attribute__((visibility("default")))
#define MAX_ENTITIES 256
#define MAX_FIELDS 96
#define MAX_PROCESSES 64
#define MAX_MIG 7

struct field {
  char key[40];
  int code;
  char value[128];
};

struct process {
  char kind;
  unsigned int pid;
  unsigned long long bytes;
  unsigned int gi, ci;
};

struct entity {
  int is_mig;
  int index;
  int handle_code;
  int all_code; /* -1, or the code every query returns */
  int field_count;
  struct field fields[MAX_FIELDS];
  int process_count;
  struct process processes[MAX_PROCESSES];
  struct entity* migs[MAX_MIG];
};

static struct entity entities[MAX_ENTITIES];
static int entity_count;
static struct entity system_entity;
static int gpu_count;
static struct entity* gpus[MAX_ENTITIES];
static int init_code;
static int count_code;
static int initialized;
static char loaded_path[4096];

static void reset(void) {
  memset(entities, 0, sizeof(entities));
  memset(&system_entity, 0, sizeof(system_entity));
  system_entity.all_code = -1;
  memset(gpus, 0, sizeof(gpus));
  entity_count = 0;
  gpu_count = 0;
  init_code = NVML_SUCCESS;
  count_code = NVML_SUCCESS;
}

static void add_field(struct entity* e, const char* key, int code, const char* value) {
  if (e == NULL || e->field_count >= MAX_FIELDS) return;
  struct field* f = &e->fields[e->field_count++];
  snprintf(f->key, sizeof(f->key), "%s", key);
  f->code = code;
  snprintf(f->value, sizeof(f->value), "%s", value ? value : "");
}

static struct entity* new_entity(int is_mig, int index, int handle_code) {
  if (entity_count >= MAX_ENTITIES) return NULL;
  struct entity* e = &entities[entity_count++];
  e->is_mig = is_mig;
  e->index = index;
  e->handle_code = handle_code;
  e->all_code = -1;
  return e;
}

/* Returns the init code: DRIVER_NOT_LOADED when there is no data to serve. */
static int load(void) {
  reset();
  const char* path = getenv("SIETCH_NVML_MOCK_DATA");
  snprintf(loaded_path, sizeof(loaded_path), "%s", path ? path : "");
  if (path == NULL) return NVML_ERROR_DRIVER_NOT_LOADED;
  FILE* file = fopen(path, "r");
  if (file == NULL) return NVML_ERROR_DRIVER_NOT_LOADED;
  char line[512];
  struct entity* gpu = NULL;
  struct entity* current = NULL;
  while (fgets(line, sizeof(line), file) != NULL) {
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '#' || line[0] == '\0') continue;
    char word[40] = {0};
    int used = 0;
    if (sscanf(line, "%39s %n", word, &used) < 1) continue;
    const char* rest = line + used;
    if (strcmp(word, "init") == 0) {
      init_code = atoi(rest);
    } else if (strcmp(word, "count") == 0) {
      count_code = atoi(rest);
    } else if (strcmp(word, "system") == 0) {
      char key[40] = {0};
      int code = 0, n = 0;
      if (sscanf(rest, "%39s %d %n", key, &code, &n) >= 2) add_field(&system_entity, key, code, rest + n);
    } else if (strcmp(word, "device") == 0) {
      int index = 0, handle = 0;
      sscanf(rest, "%d %d", &index, &handle);
      gpu = current = new_entity(0, index, handle);
      if (gpu != NULL && gpu_count < MAX_ENTITIES) gpus[gpu_count++] = gpu;
    } else if (strcmp(word, "mig") == 0) {
      int slot = atoi(rest);
      current = new_entity(1, slot, NVML_SUCCESS);
      if (gpu != NULL && current != NULL && slot >= 0 && slot < MAX_MIG) gpu->migs[slot] = current;
    } else if (strcmp(word, "process") == 0) {
      struct process p = {0};
      if (gpu != NULL && gpu->process_count < MAX_PROCESSES && sscanf(rest, " %c %u %llu %u %u", &p.kind, &p.pid, &p.bytes, &p.gi, &p.ci) == 5) gpu->processes[gpu->process_count++] = p;
    } else if (strcmp(word, "*") == 0) {
      if (current != NULL) current->all_code = atoi(rest);
    } else {
      int code = 0, n = 0;
      if (current != NULL && sscanf(rest, "%d %n", &code, &n) >= 1) add_field(current, word, code, rest + n);
    }
  }
  fclose(file);
  return init_code;
}

/* The answer for `key` of a device: NULL with *code set when there is no value. */
static const char* lookup(nvmlDevice_t device, const char* key, int* code) {
  const struct entity* e = (const struct entity*)device;
  if (!initialized) {
    *code = NVML_ERROR_UNINITIALIZED;
    return NULL;
  }
  if (e == NULL) {
    *code = NVML_ERROR_INVALID_ARGUMENT;
    return NULL;
  }
  if (e->all_code >= 0) {
    *code = e->all_code;
    return NULL;
  }
  /* The last statement for a key wins: tests append overrides to a generated file. */
  for (int i = e->field_count - 1; i >= 0; i--) {
    if (strcmp(e->fields[i].key, key) == 0) {
      *code = e->fields[i].code;
      return e->fields[i].code == NVML_SUCCESS ? e->fields[i].value : NULL;
    }
  }
  *code = NVML_ERROR_NOT_SUPPORTED;
  return NULL;
}

static nvmlReturn_t text_answer(nvmlDevice_t device, const char* key, char* out, unsigned int length) {
  int code;
  const char* value = lookup(device, key, &code);
  if (value == NULL) return code;
  if (out == NULL || strlen(value) + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
  memcpy(out, value, strlen(value) + 1);
  return NVML_SUCCESS;
}

static nvmlReturn_t number_answer(nvmlDevice_t device, const char* key, unsigned long long* out) {
  int code;
  const char* value = lookup(device, key, &code);
  if (value == NULL) return code;
  if (out == NULL) return NVML_ERROR_INVALID_ARGUMENT;
  *out = strtoull(value, NULL, 10);
  return NVML_SUCCESS;
}

static nvmlReturn_t unsigned_answer(nvmlDevice_t device, const char* key, unsigned int* out) {
  unsigned long long value = 0;
  nvmlReturn_t code = number_answer(device, key, &value);
  if (code == NVML_SUCCESS) *out = (unsigned int)value;
  return code;
}

static nvmlReturn_t int_answer(nvmlDevice_t device, const char* key, int* out) {
  unsigned long long value = 0;
  nvmlReturn_t code = number_answer(device, key, &value);
  if (code == NVML_SUCCESS) *out = (int)value;
  return code;
}

EXPORT nvmlReturn_t nvmlInit_v2(void) {
  int code = load();
  initialized = code == NVML_SUCCESS;
  return code;
}

EXPORT nvmlReturn_t nvmlShutdown(void) {
  initialized = 0;
  return NVML_SUCCESS;
}

EXPORT const char* nvmlErrorString(nvmlReturn_t result) {
  switch (result) {
    case NVML_SUCCESS: return "Success";
    case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
    case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
    case NVML_ERROR_NO_PERMISSION: return "Insufficient Permissions";
    case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
    case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
    case NVML_ERROR_LIB_RM_VERSION_MISMATCH: return "RM has detected an NVML/RM version mismatch.";
    default: return "Unknown Error";
  }
}

/* A new data file, or SIETCH_NVML_MOCK_LIVE=1: read it again (one test process, several captures,
 * or a GPU that changes between reads). Called where a read starts: the system queries and the
 * device count (and the CC state, where an evidence request starts). Handles from before are invalid afterwards, as after a real driver reload. */
static void maybe_reload(void) {
  if (!initialized) return;
  const char* path = getenv("SIETCH_NVML_MOCK_DATA");
  if (path != NULL && (strcmp(path, loaded_path) != 0 || getenv("SIETCH_NVML_MOCK_LIVE") != NULL)) load();
}

EXPORT nvmlReturn_t nvmlSystemGetDriverVersion(char* out, unsigned int length) { maybe_reload(); return initialized ? text_answer((nvmlDevice_t)&system_entity, "driverVersion", out, length) : NVML_ERROR_UNINITIALIZED; }
EXPORT nvmlReturn_t nvmlSystemGetNVMLVersion(char* out, unsigned int length) { return initialized ? text_answer((nvmlDevice_t)&system_entity, "nvmlVersion", out, length) : NVML_ERROR_UNINITIALIZED; }
EXPORT nvmlReturn_t nvmlSystemGetCudaDriverVersion(int* out) { return initialized ? int_answer((nvmlDevice_t)&system_entity, "cudaDriverVersion", out) : NVML_ERROR_UNINITIALIZED; }

EXPORT nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int* count) {
  const char* delay = getenv("SIETCH_NVML_MOCK_DELAY_MS");
  if (delay != NULL) {
    long ms = atol(delay);
    struct timespec pause = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
  }
  if (!initialized) return NVML_ERROR_UNINITIALIZED;
  maybe_reload();
  if (count_code != NVML_SUCCESS) return count_code;
  *count = (unsigned int)gpu_count;
  return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t* device) {
  if (!initialized) return NVML_ERROR_UNINITIALIZED;
  if (index >= (unsigned int)gpu_count) return NVML_ERROR_INVALID_ARGUMENT;
  if (gpus[index]->handle_code != NVML_SUCCESS) return gpus[index]->handle_code;
  *device = (nvmlDevice_t)gpus[index];
  return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t d, char* out, unsigned int n) { return text_answer(d, "uuid", out, n); }
EXPORT nvmlReturn_t nvmlDeviceGetSerial(nvmlDevice_t d, char* out, unsigned int n) { return text_answer(d, "serial", out, n); }
EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t d, char* out, unsigned int n) { return text_answer(d, "name", out, n); }
EXPORT nvmlReturn_t nvmlDeviceGetBoardPartNumber(nvmlDevice_t d, char* out, unsigned int n) { return text_answer(d, "boardPartNumber", out, n); }
EXPORT nvmlReturn_t nvmlDeviceGetVbiosVersion(nvmlDevice_t d, char* out, unsigned int n) { return text_answer(d, "vbios", out, n); }
EXPORT nvmlReturn_t nvmlDeviceGetGPUPartNumber(nvmlDevice_t d, char* out, unsigned int n) { return text_answer(d, "gpuPartNumber", out, n); }
EXPORT nvmlReturn_t nvmlDeviceGetBrand(nvmlDevice_t d, int* v) { return int_answer(d, "brand", v); }
EXPORT nvmlReturn_t nvmlDeviceGetArchitecture(nvmlDevice_t d, unsigned int* v) { return unsigned_answer(d, "architecture", v); }
EXPORT nvmlReturn_t nvmlDeviceGetBoardId(nvmlDevice_t d, unsigned int* v) { return unsigned_answer(d, "boardId", v); }
EXPORT nvmlReturn_t nvmlDeviceGetMultiGpuBoard(nvmlDevice_t d, unsigned int* v) { return unsigned_answer(d, "multiGpuBoard", v); }
EXPORT nvmlReturn_t nvmlDeviceGetPersistenceMode(nvmlDevice_t d, int* v) { return int_answer(d, "persistenceMode", v); }
EXPORT nvmlReturn_t nvmlDeviceGetComputeMode(nvmlDevice_t d, int* v) { return int_answer(d, "computeMode", v); }
EXPORT nvmlReturn_t nvmlDeviceGetPerformanceState(nvmlDevice_t d, int* v) { return int_answer(d, "performanceState", v); }
EXPORT nvmlReturn_t nvmlDeviceGetVirtualizationMode(nvmlDevice_t d, int* v) { return int_answer(d, "virtualizationMode", v); }
EXPORT nvmlReturn_t nvmlDeviceGetModuleId(nvmlDevice_t d, unsigned int* v) { return unsigned_answer(d, "moduleId", v); }
EXPORT nvmlReturn_t nvmlDeviceGetRepairStatus(nvmlDevice_t d, nvmlRepairStatus_v1_t* status) {
  if (status->version != SIETCH_NVML_REPAIR_STATUS_V1_VERSION) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
  nvmlReturn_t code = unsigned_answer(d, "channelRepairPending", &status->bChannelRepairPending);
  if (code != NVML_SUCCESS) return code;
  return unsigned_answer(d, "tpcRepairPending", &status->bTpcRepairPending);
}
EXPORT nvmlReturn_t nvmlDeviceGetSramEccErrorStatus(nvmlDevice_t d, nvmlEccSramErrorStatus_v1_t* status) {
  if (status->version != SIETCH_NVML_SRAM_STATUS_V1_VERSION) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
  return unsigned_answer(d, "sramThresholdExceeded", &status->bThresholdExceeded);
}
EXPORT nvmlReturn_t nvmlDeviceGetMinorNumber(nvmlDevice_t d, unsigned int* v) { return unsigned_answer(d, "minorNumber", v); }

EXPORT nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t d, nvmlPciInfo_t* pci) {
  memset(pci, 0, sizeof(*pci));
  nvmlReturn_t code = text_answer(d, "pciBusId", pci->busId, sizeof(pci->busId));
  if (code != NVML_SUCCESS) return code;
  unsigned_answer(d, "pciDeviceId", &pci->pciDeviceId);
  unsigned_answer(d, "pciSubSystemId", &pci->pciSubSystemId);
  return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t d, nvmlMemory_t* memory) {
  nvmlReturn_t code = number_answer(d, "memoryTotal", &memory->total);
  if (code != NVML_SUCCESS) return code;
  unsigned long long reserved = 0;
  number_answer(d, "memoryFree", &memory->free);
  number_answer(d, "memoryUsed", &memory->used);
  number_answer(d, "memoryReserved", &reserved);
  memory->used += reserved; /* v1 counts the driver's reservation as used */
  return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t d, nvmlMemory_v2_t* memory) {
  if (memory->version != SIETCH_NVML_MEMORY_V2_VERSION) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
  int code;
  /* A capture without a reserved figure is a pre-R510 driver: it did not have the v2 query. */
  if (lookup(d, "memoryReserved", &code) == NULL) return code == NVML_ERROR_NOT_SUPPORTED ? NVML_ERROR_FUNCTION_NOT_FOUND : code;
  code = number_answer(d, "memoryTotal", &memory->total);
  if (code != NVML_SUCCESS) return code;
  number_answer(d, "memoryFree", &memory->free);
  number_answer(d, "memoryUsed", &memory->used);
  number_answer(d, "memoryReserved", &memory->reserved);
  return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t d, nvmlUtilization_t* u) {
  nvmlReturn_t code = unsigned_answer(d, "utilizationGpu", &u->gpu);
  if (code != NVML_SUCCESS) return code;
  return unsigned_answer(d, "utilizationMemory", &u->memory);
}

EXPORT nvmlReturn_t nvmlDeviceGetEncoderUtilization(nvmlDevice_t d, unsigned int* v, unsigned int* period) {
  *period = 167000;
  return unsigned_answer(d, "utilizationEncoder", v);
}
EXPORT nvmlReturn_t nvmlDeviceGetDecoderUtilization(nvmlDevice_t d, unsigned int* v, unsigned int* period) {
  *period = 167000;
  return unsigned_answer(d, "utilizationDecoder", v);
}
EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int* v) { return unsigned_answer(d, "powerUsage", v); }
EXPORT nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t d, unsigned int* v) { return unsigned_answer(d, "powerLimit", v); }
EXPORT nvmlReturn_t nvmlDeviceGetPowerManagementLimitConstraints(nvmlDevice_t d, unsigned int* min, unsigned int* max) {
  *min = 0;
  return unsigned_answer(d, "powerMaxLimit", max);
}
EXPORT nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t d, int sensor, unsigned int* v) { return sensor == NVML_TEMPERATURE_GPU ? unsigned_answer(d, "temperatureGpu", v) : NVML_ERROR_INVALID_ARGUMENT; }
EXPORT nvmlReturn_t nvmlDeviceGetTemperatureThreshold(nvmlDevice_t d, int threshold, unsigned int* v) {
  if (threshold == NVML_TEMPERATURE_THRESHOLD_SLOWDOWN) return unsigned_answer(d, "temperatureSlowdown", v);
  if (threshold == NVML_TEMPERATURE_THRESHOLD_SHUTDOWN) return unsigned_answer(d, "temperatureShutdown", v);
  return NVML_ERROR_NOT_SUPPORTED;
}
EXPORT nvmlReturn_t nvmlDeviceGetFanSpeed(nvmlDevice_t d, unsigned int* v) { return unsigned_answer(d, "fanSpeed", v); }

static const char* clock_key(int clock, int max) {
  static const char* current[] = {"clockGraphics", "clockSm", "clockMemory", "clockVideo"};
  static const char* maximum[] = {"clockMaxGraphics", "clockMaxSm", "clockMaxMemory", "clockMaxVideo"};
  if (clock < 0 || clock > 3) return "none";
  return max ? maximum[clock] : current[clock];
}
EXPORT nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t d, int clock, unsigned int* v) { return unsigned_answer(d, clock_key(clock, 0), v); }
EXPORT nvmlReturn_t nvmlDeviceGetMaxClockInfo(nvmlDevice_t d, int clock, unsigned int* v) { return unsigned_answer(d, clock_key(clock, 1), v); }
EXPORT nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t d, unsigned long long* v) { return number_answer(d, "clockEventReasons", v); }
EXPORT nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t d, unsigned long long* v) { return number_answer(d, "clockEventReasons", v); }

EXPORT nvmlReturn_t nvmlDeviceGetEccMode(nvmlDevice_t d, int* current, int* pending) {
  nvmlReturn_t code = int_answer(d, "eccModeCurrent", current);
  if (code != NVML_SUCCESS) return code;
  return int_answer(d, "eccModePending", pending);
}

EXPORT nvmlReturn_t nvmlDeviceGetTotalEccErrors(nvmlDevice_t d, int errorType, int counterType, unsigned long long* count) {
  const char* key = errorType == NVML_MEMORY_ERROR_TYPE_CORRECTED ? (counterType == NVML_VOLATILE_ECC ? "eccCorrectedVolatile" : "eccCorrectedAggregate")
                                                                   : (counterType == NVML_VOLATILE_ECC ? "eccUncorrectedVolatile" : "eccUncorrectedAggregate");
  return number_answer(d, key, count);
}

EXPORT nvmlReturn_t nvmlDeviceGetRetiredPages(nvmlDevice_t d, int cause, unsigned int* count, unsigned long long* addresses) {
  unsigned int pages = 0;
  nvmlReturn_t code = unsigned_answer(d, cause == NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR ? "retiredPagesDoubleBit" : "retiredPagesSingleBit", &pages);
  if (code != NVML_SUCCESS) return code;
  unsigned int room = *count;
  *count = pages;
  if (pages > room) return NVML_ERROR_INSUFFICIENT_SIZE;
  for (unsigned int i = 0; addresses != NULL && i < pages; i++) addresses[i] = 0x1000ULL * (i + 1);
  return NVML_SUCCESS;
}
EXPORT nvmlReturn_t nvmlDeviceGetRetiredPagesPendingStatus(nvmlDevice_t d, int* pending) { return int_answer(d, "retiredPagesPending", pending); }

EXPORT nvmlReturn_t nvmlDeviceGetRemappedRows(nvmlDevice_t d, unsigned int* corrected, unsigned int* uncorrected, unsigned int* pending, unsigned int* failure) {
  nvmlReturn_t code = unsigned_answer(d, "remappedRowsCorrectable", corrected);
  if (code != NVML_SUCCESS) return code;
  unsigned_answer(d, "remappedRowsUncorrectable", uncorrected);
  unsigned_answer(d, "remappedRowsPending", pending);
  unsigned_answer(d, "remappedRowsFailure", failure);
  return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t d, unsigned int* current, unsigned int* pending) {
  nvmlReturn_t code = unsigned_answer(d, "migModeCurrent", current);
  if (code != NVML_SUCCESS) return code;
  return unsigned_answer(d, "migModePending", pending);
}

EXPORT nvmlReturn_t nvmlDeviceGetMaxMigDeviceCount(nvmlDevice_t d, unsigned int* count) {
  int code;
  const struct entity* e = (const struct entity*)d;
  lookup(d, "migModeCurrent", &code);
  if (code == NVML_ERROR_UNINITIALIZED || code == NVML_ERROR_INVALID_ARGUMENT || (e != NULL && e->all_code >= 0)) return code;
  *count = 7; /* the most any GPU has (A100/H100: seven 1g slices) */
  return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetMigDeviceHandleByIndex(nvmlDevice_t d, unsigned int index, nvmlDevice_t* mig) {
  const struct entity* e = (const struct entity*)d;
  if (!initialized) return NVML_ERROR_UNINITIALIZED;
  if (e == NULL || index >= MAX_MIG) return NVML_ERROR_INVALID_ARGUMENT;
  if (e->migs[index] == NULL) return NVML_ERROR_NOT_FOUND;
  *mig = (nvmlDevice_t)e->migs[index];
  return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetGpuInstanceId(nvmlDevice_t d, unsigned int* v) { return unsigned_answer(d, "gpuInstanceId", v); }
EXPORT nvmlReturn_t nvmlDeviceGetComputeInstanceId(nvmlDevice_t d, unsigned int* v) { return unsigned_answer(d, "computeInstanceId", v); }
EXPORT nvmlReturn_t nvmlDeviceGetAttributes_v2(nvmlDevice_t d, nvmlDeviceAttributes_t* attributes) {
  memset(attributes, 0, sizeof(*attributes));
  return unsigned_answer(d, "multiprocessorCount", &attributes->multiprocessorCount);
}

static nvmlReturn_t processes(nvmlDevice_t d, char kind, unsigned int* count, nvmlProcessInfo_v2_t* infos) {
  const struct entity* e = (const struct entity*)d;
  int code;
  lookup(d, "uuid", &code);
  if (code == NVML_ERROR_UNINITIALIZED || code == NVML_ERROR_INVALID_ARGUMENT || (e != NULL && e->all_code >= 0)) return code;
  unsigned int matching = 0;
  for (int i = 0; i < e->process_count; i++) matching += e->processes[i].kind == kind;
  unsigned int room = *count;
  *count = matching;
  if (matching > room) return NVML_ERROR_INSUFFICIENT_SIZE;
  unsigned int at = 0;
  for (int i = 0; i < e->process_count; i++) {
    if (e->processes[i].kind != kind) continue;
    infos[at].pid = e->processes[i].pid;
    infos[at].usedGpuMemory = e->processes[i].bytes;
    infos[at].gpuInstanceId = e->processes[i].gi;
    infos[at].computeInstanceId = e->processes[i].ci;
    at++;
  }
  return NVML_SUCCESS;
}
EXPORT nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v2(nvmlDevice_t d, unsigned int* count, nvmlProcessInfo_v2_t* infos) { return processes(d, 'C', count, infos); }
EXPORT nvmlReturn_t nvmlDeviceGetGraphicsRunningProcesses_v2(nvmlDevice_t d, unsigned int* count, nvmlProcessInfo_v2_t* infos) { return processes(d, 'G', count, infos); }

EXPORT nvmlReturn_t nvmlDeviceGetFieldValues(nvmlDevice_t d, int count, nvmlFieldValue_t* values) {
  int code;
  lookup(d, "uuid", &code);
  if (code == NVML_ERROR_UNINITIALIZED || code == NVML_ERROR_INVALID_ARGUMENT) return code;
  for (int i = 0; i < count; i++) {
    values[i].valueType = 1; /* unsigned int */
    const char* key = values[i].fieldId == NVML_FI_DEV_GET_GPU_RECOVERY_ACTION ? "recoveryAction"
                      : values[i].fieldId == NVML_FI_DEV_POWER_INSTANT       ? "powerInstant"
                      : values[i].fieldId == NVML_FI_DEV_POWER_AVERAGE       ? "powerAverage"
                      : values[i].fieldId == NVML_FI_DEV_MEMORY_TEMP         ? "temperatureMemory"
                      : values[i].fieldId == NVML_FI_DEV_RESET_STATUS        ? "resetRequired"
                      : values[i].fieldId == NVML_FI_DEV_DRAIN_AND_RESET_STATUS ? "drainAndResetRecommended"
                                                                              : "none";
    values[i].nvmlReturn = unsigned_answer(d, key, &values[i].value.uiVal);
  }
  return NVML_SUCCESS;
}

#ifndef SIETCH_MOCK_NVML_NO_CC

static void sleep_ms(const char* variable) {
  const char* delay = getenv(variable);
  if (delay == NULL) return;
  long ms = atol(delay);
  struct timespec pause = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&pause, NULL);
}

/* The file named by `variable`, whole, into `out` (at most `room` bytes): its length, or -1. */
static long read_file(const char* variable, unsigned char* out, size_t room) {
  const char* path = getenv(variable);
  if (path == NULL) return -1;
  FILE* file = fopen(path, "rb");
  if (file == NULL) return -1;
  size_t length = fread(out, 1, room, file);
  int more = fgetc(file) != EOF;
  fclose(file);
  return more ? -1 : (long)length;
}

static int hex_digit(int c) { return isdigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1; }

/* A device's CC queries fail as every other query of it does (uninitialized, a lost GPU). */
static int device_code(nvmlDevice_t d) {
  int code;
  lookup(d, "uuid", &code);
  const struct entity* e = (const struct entity*)d;
  return code == NVML_ERROR_UNINITIALIZED || code == NVML_ERROR_INVALID_ARGUMENT || (e != NULL && e->all_code >= 0) ? code : NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlSystemGetConfComputeState(nvmlConfComputeSystemState_t* state) {
  if (!initialized) return NVML_ERROR_UNINITIALIZED;
  maybe_reload(); /* where an evidence request starts, as the driver version is where a read does */
  const char* value = getenv("SIETCH_NVML_MOCK_CC_STATE");
  if (value == NULL) return NVML_ERROR_NOT_SUPPORTED;
  if (state == NULL || sscanf(value, "%u %u %u", &state->ccFeature, &state->environment, &state->devToolsMode) != 3) return NVML_ERROR_INVALID_ARGUMENT;
  return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetConfComputeGpuAttestationReport(nvmlDevice_t d, nvmlConfComputeGpuAttestationReport_t* report) {
  sleep_ms("SIETCH_NVML_MOCK_CC_DELAY_MS");
  int code = device_code(d);
  if (code != NVML_SUCCESS) return code;
  if (report == NULL) return NVML_ERROR_INVALID_ARGUMENT;
  const char* record = getenv("SIETCH_NVML_MOCK_CC_NONCE_OUT");
  if (record != NULL) {
    FILE* file = fopen(record, "a");
    if (file == NULL) return NVML_ERROR_UNKNOWN;
    fprintf(file, "gpu %d nonce ", ((const struct entity*)d)->index);
    for (size_t i = 0; i < sizeof(report->nonce); i++) fprintf(file, "%02x", report->nonce[i]);
    fprintf(file, "\n");
    fclose(file);
  }
  if (getenv("SIETCH_NVML_MOCK_CC_REPORT") == NULL) return NVML_ERROR_NOT_SUPPORTED;
  /* Hex text, twice the report's size, whitespace allowed. */
  static unsigned char text[2 * NVML_CC_GPU_ATTESTATION_REPORT_SIZE + 4096];
  long length = read_file("SIETCH_NVML_MOCK_CC_REPORT", text, sizeof(text));
  if (length < 0) return NVML_ERROR_UNKNOWN;
  unsigned int bytes = 0;
  int high = -1;
  for (long i = 0; i < length; i++) {
    if (isspace(text[i])) continue;
    int digit = hex_digit(text[i]);
    if (digit < 0) return NVML_ERROR_UNKNOWN;
    if (high < 0) {
      high = digit;
      continue;
    }
    if (bytes >= sizeof(report->attestationReport)) return NVML_ERROR_INSUFFICIENT_SIZE;
    report->attestationReport[bytes++] = (unsigned char)(high << 4 | digit);
    high = -1;
  }
  if (high >= 0) return NVML_ERROR_UNKNOWN;
  report->attestationReportSize = bytes;
  report->isCecAttestationReportPresent = 0;
  report->cecAttestationReportSize = 0;
  return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetConfComputeGpuCertificate(nvmlDevice_t d, nvmlConfComputeGpuCertificate_t* certificate) {
  int code = device_code(d);
  if (code != NVML_SUCCESS) return code;
  if (certificate == NULL) return NVML_ERROR_INVALID_ARGUMENT;
  if (getenv("SIETCH_NVML_MOCK_CC_CHAIN") == NULL) return NVML_ERROR_NOT_SUPPORTED;
  long length = read_file("SIETCH_NVML_MOCK_CC_CHAIN", certificate->attestationCertChain, sizeof(certificate->attestationCertChain));
  if (length < 0) return NVML_ERROR_INSUFFICIENT_SIZE;
  certificate->attestationCertChainSize = (unsigned int)length;
  certificate->certChainSize = 0;
  return NVML_SUCCESS;
}

#endif
