#include "device-reader.h"

#include <cstring>
#include <map>

#include "nvml-library.h"

namespace sietch {
namespace {

const double kNotAvailable = -1;
// NVML reports "not available" process memory as all ones (NVML_VALUE_NOT_AVAILABLE).
const unsigned long long kNvmlValueNotAvailable = ~0ULL;

void Put(Record& record, const char* key, int code, double number) { record.push_back(Entry{key, code, false, code == NVML_SUCCESS ? number : 0, std::string()}); }
void PutText(Record& record, const char* key, int code, const char* text) {
  record.push_back(Entry{key, code, true, 0, code == NVML_SUCCESS && text != nullptr ? std::string(text) : std::string()});
}

// A function missing from an older library answers like an unsupported query.
#define SIETCH_CALL(name, ...) (Nvml().name != nullptr ? Nvml().name(__VA_ARGS__) : NVML_ERROR_FUNCTION_NOT_FOUND)

template <typename Getter>
void Text(Record& record, const char* key, Getter getter) {
  char buffer[SIETCH_NVML_TEXT_BUFFER];
  std::memset(buffer, 0, sizeof(buffer));
  const int code = getter(buffer, static_cast<unsigned int>(sizeof(buffer)));
  buffer[sizeof(buffer) - 1] = '\0';
  PutText(record, key, code, buffer);
}

template <typename Getter>
void Unsigned(Record& record, const char* key, Getter getter) {
  unsigned int value = 0;
  const int code = getter(&value);
  Put(record, key, code, value);
}

template <typename Getter>
void Signed(Record& record, const char* key, Getter getter) {
  int value = 0;
  const int code = getter(&value);
  Put(record, key, code, value);
}

void Memory(Record& record, nvmlDevice_t device, bool withTotals) {
  nvmlMemory_v2_t v2;
  std::memset(&v2, 0, sizeof(v2));
  v2.version = SIETCH_NVML_MEMORY_V2_VERSION;
  int code = SIETCH_CALL(nvmlDeviceGetMemoryInfo_v2, device, &v2);
  if (code == NVML_SUCCESS) {
    if (withTotals) {
      Put(record, "memoryTotalBytes", code, static_cast<double>(v2.total));
      Put(record, "memoryFreeBytes", code, static_cast<double>(v2.free));
      Put(record, "memoryReservedBytes", code, static_cast<double>(v2.reserved));
    }
    Put(record, "memoryUsedBytes", code, static_cast<double>(v2.used));
    return;
  }
  // Drivers before R510 (or MIG devices on some) only answer the v1 query.
  nvmlMemory_t v1;
  std::memset(&v1, 0, sizeof(v1));
  code = SIETCH_CALL(nvmlDeviceGetMemoryInfo, device, &v1);
  if (withTotals) {
    Put(record, "memoryTotalBytes", code, static_cast<double>(v1.total));
    Put(record, "memoryFreeBytes", code, static_cast<double>(v1.free));
    Put(record, "memoryReservedBytes", NVML_ERROR_NOT_SUPPORTED, 0);
  }
  Put(record, "memoryUsedBytes", code, static_cast<double>(v1.used));
}

void Utilization(Record& record, nvmlDevice_t device) {
  nvmlUtilization_t utilization{0, 0};
  const int code = SIETCH_CALL(nvmlDeviceGetUtilizationRates, device, &utilization);
  Put(record, "utilizationGpu", code, utilization.gpu);
  Put(record, "utilizationMemory", code, utilization.memory);
}

void PciBusId(Record& record, nvmlDevice_t device, bool withIds) {
  nvmlPciInfo_t pci;
  std::memset(&pci, 0, sizeof(pci));
  const int code = SIETCH_CALL(nvmlDeviceGetPciInfo_v3, device, &pci);
  pci.busId[sizeof(pci.busId) - 1] = '\0';
  PutText(record, "pciBusId", code, pci.busId);
  if (withIds) {
    Put(record, "pciDeviceId", code, pci.pciDeviceId);
    Put(record, "pciSubSystemId", code, pci.pciSubSystemId);
  }
}

void Clock(Record& record, const char* key, nvmlDevice_t device, int clock, bool max) {
  unsigned int mhz = 0;
  const int code = max ? SIETCH_CALL(nvmlDeviceGetMaxClockInfo, device, clock, &mhz) : SIETCH_CALL(nvmlDeviceGetClockInfo, device, clock, &mhz);
  Put(record, key, code, mhz);
}

void FieldValues(Record& record, nvmlDevice_t device, bool full);

void Power(Record& record, nvmlDevice_t device, bool full) {
  Unsigned(record, "powerUsageMilliwatts", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetPowerUsage, device, v); });
  FieldValues(record, device, full);
}

void Temperature(Record& record, nvmlDevice_t device) {
  Unsigned(record, "temperatureGpu", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetTemperature, device, NVML_TEMPERATURE_GPU, v); });
}

void EccCounter(Record& record, const char* key, nvmlDevice_t device, int errorType, int counterType) {
  unsigned long long count = 0;
  const int code = SIETCH_CALL(nvmlDeviceGetTotalEccErrors, device, errorType, counterType, &count);
  Put(record, key, code, static_cast<double>(count));
}

void RetiredPages(Record& record, const char* key, nvmlDevice_t device, int cause) {
  // A zero-sized query returns the count; INSUFFICIENT_SIZE also carries it when there are pages.
  unsigned int count = 0;
  int code = SIETCH_CALL(nvmlDeviceGetRetiredPages, device, cause, &count, nullptr);
  if (code == NVML_ERROR_INSUFFICIENT_SIZE) code = NVML_SUCCESS;
  Put(record, key, code, count);
}

void ClockEventReasons(Record& record, nvmlDevice_t device) {
  unsigned long long reasons = 0;
  int code = SIETCH_CALL(nvmlDeviceGetCurrentClocksEventReasons, device, &reasons);
  // The R535 rename; older drivers only know the throttle spelling.
  if (code == NVML_ERROR_FUNCTION_NOT_FOUND) code = SIETCH_CALL(nvmlDeviceGetCurrentClocksThrottleReasons, device, &reasons);
  Put(record, "clockEventReasons", code, static_cast<double>(reasons));
}

/** The readings only available as NVML "fields", in one call: instant power, and for a full read the
 * average, the memory temperature and the recovery action (with its two older flags). */
void FieldValues(Record& record, nvmlDevice_t device, bool full) {
  const unsigned int ids[6] = {NVML_FI_DEV_POWER_INSTANT, NVML_FI_DEV_POWER_AVERAGE, NVML_FI_DEV_GET_GPU_RECOVERY_ACTION, NVML_FI_DEV_MEMORY_TEMP, NVML_FI_DEV_RESET_STATUS, NVML_FI_DEV_DRAIN_AND_RESET_STATUS};
  const char* keys[6] = {"powerInstantMilliwatts", "powerAverageMilliwatts", "recoveryAction", "temperatureMemory", "resetRequired", "drainAndResetRecommended"};
  nvmlFieldValue_t values[6];
  std::memset(values, 0, sizeof(values));
  const int count = full ? 6 : 1;
  for (int i = 0; i < count; i++) values[i].fieldId = ids[i];
  const int code = SIETCH_CALL(nvmlDeviceGetFieldValues, device, count, values);
  for (int i = 0; i < count; i++) Put(record, keys[i], code == NVML_SUCCESS ? values[i].nvmlReturn : code, values[i].value.uiVal);
}

/** Compute and graphics processes, one entry per pid (nvidia-smi prints C+G for both). */
int Processes(nvmlDevice_t device, std::vector<ProcessRead>& out) {
  std::map<unsigned int, size_t> byPid;
  int firstError = NVML_SUCCESS;
  bool anySuccess = false;
  for (int graphics = 0; graphics <= 1; graphics++) {
    unsigned int count = 0;
    std::vector<nvmlProcessInfo_v2_t> infos;
    int code = NVML_SUCCESS;
    // The list can grow between the sizing call and the read: retry a few times.
    for (int attempt = 0; attempt < 4; attempt++) {
      // Room for more than announced, and never less than one element.
      infos.assign(count + 8, nvmlProcessInfo_v2_t{});
      unsigned int capacity = static_cast<unsigned int>(infos.size());
      code = graphics ? SIETCH_CALL(nvmlDeviceGetGraphicsRunningProcesses_v2, device, &capacity, infos.data())
                      : SIETCH_CALL(nvmlDeviceGetComputeRunningProcesses_v2, device, &capacity, infos.data());
      if (code == NVML_ERROR_FUNCTION_NOT_FOUND) {
        // Before R470: the v1 element (pid, memory) and no instance ids. Same buffer, read as v1.
        std::vector<nvmlProcessInfo_v1_t> old(count + 8, nvmlProcessInfo_v1_t{});
        capacity = static_cast<unsigned int>(old.size());
        code = graphics ? SIETCH_CALL(nvmlDeviceGetGraphicsRunningProcesses, device, &capacity, old.data())
                        : SIETCH_CALL(nvmlDeviceGetComputeRunningProcesses, device, &capacity, old.data());
        infos.assign(old.size(), nvmlProcessInfo_v2_t{});
        for (size_t i = 0; i < old.size(); i++) {
          infos[i].pid = old[i].pid;
          infos[i].usedGpuMemory = old[i].usedGpuMemory;
          infos[i].gpuInstanceId = 0xFFFFFFFFu;
          infos[i].computeInstanceId = 0xFFFFFFFFu;
        }
      }
      if (code == NVML_ERROR_INSUFFICIENT_SIZE) {
        count = capacity;
        continue;
      }
      count = capacity;
      break;
    }
    if (code != NVML_SUCCESS) {
      if (firstError == NVML_SUCCESS) firstError = code;
      continue;
    }
    anySuccess = true;
    for (unsigned int i = 0; i < count && i < infos.size(); i++) {
      const nvmlProcessInfo_v2_t& info = infos[i];
      auto found = byPid.find(info.pid);
      if (found == byPid.end()) {
        byPid[info.pid] = out.size();
        const bool noInstance = info.gpuInstanceId == 0xFFFFFFFFu;
        out.push_back(ProcessRead{info.pid, info.usedGpuMemory == kNvmlValueNotAvailable ? kNotAvailable : static_cast<double>(info.usedGpuMemory),
                                  noInstance ? kNotAvailable : info.gpuInstanceId, noInstance ? kNotAvailable : info.computeInstanceId, graphics == 0, graphics == 1});
      } else if (graphics) {
        out[found->second].graphics = true;
      } else {
        out[found->second].compute = true;
      }
    }
  }
  return anySuccess ? NVML_SUCCESS : firstError;
}

void MigDevices(nvmlDevice_t device, std::vector<MigRead>& out) {
  unsigned int max = 0;
  if (SIETCH_CALL(nvmlDeviceGetMaxMigDeviceCount, device, &max) != NVML_SUCCESS) return;
  for (unsigned int i = 0; i < max; i++) {
    nvmlDevice_t mig = nullptr;
    // Slots without a device answer NOT_FOUND: only the populated ones are MIG devices.
    if (SIETCH_CALL(nvmlDeviceGetMigDeviceHandleByIndex, device, i, &mig) != NVML_SUCCESS) continue;
    MigRead read{i, Record()};
    Record& fields = read.fields;
    Text(fields, "uuid", [&](char* b, unsigned int n) { return SIETCH_CALL(nvmlDeviceGetUUID, mig, b, n); });
    Text(fields, "name", [&](char* b, unsigned int n) { return SIETCH_CALL(nvmlDeviceGetName, mig, b, n); });
    Unsigned(fields, "gpuInstanceId", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetGpuInstanceId, mig, v); });
    Unsigned(fields, "computeInstanceId", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetComputeInstanceId, mig, v); });
    nvmlDeviceAttributes_t attributes;
    std::memset(&attributes, 0, sizeof(attributes));
    const int code = SIETCH_CALL(nvmlDeviceGetAttributes_v2, mig, &attributes);
    Put(fields, "multiprocessorCount", code, attributes.multiprocessorCount);
    Memory(fields, mig, true);
    EccCounter(fields, "eccUncorrectedVolatile", mig, NVML_MEMORY_ERROR_TYPE_UNCORRECTED, NVML_VOLATILE_ECC);
    out.push_back(std::move(read));
  }
}

void ReadDevice(nvmlDevice_t device, DeviceRead& read) {
  Record& f = read.fields;
  Text(f, "uuid", [&](char* b, unsigned int n) { return SIETCH_CALL(nvmlDeviceGetUUID, device, b, n); });
  Text(f, "serial", [&](char* b, unsigned int n) { return SIETCH_CALL(nvmlDeviceGetSerial, device, b, n); });
  Text(f, "name", [&](char* b, unsigned int n) { return SIETCH_CALL(nvmlDeviceGetName, device, b, n); });
  Text(f, "boardPartNumber", [&](char* b, unsigned int n) { return SIETCH_CALL(nvmlDeviceGetBoardPartNumber, device, b, n); });
  Text(f, "vbios", [&](char* b, unsigned int n) { return SIETCH_CALL(nvmlDeviceGetVbiosVersion, device, b, n); });
  PciBusId(f, device, true);
  Text(f, "gpuPartNumber", [&](char* b, unsigned int n) { return SIETCH_CALL(nvmlDeviceGetGPUPartNumber, device, b, n); });
  Signed(f, "brand", [&](int* v) { return SIETCH_CALL(nvmlDeviceGetBrand, device, v); });
  Unsigned(f, "architecture", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetArchitecture, device, v); });
  Unsigned(f, "boardId", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetBoardId, device, v); });
  Unsigned(f, "multiGpuBoard", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetMultiGpuBoard, device, v); });
  Signed(f, "persistenceMode", [&](int* v) { return SIETCH_CALL(nvmlDeviceGetPersistenceMode, device, v); });
  Signed(f, "computeMode", [&](int* v) { return SIETCH_CALL(nvmlDeviceGetComputeMode, device, v); });
  Signed(f, "performanceState", [&](int* v) { return SIETCH_CALL(nvmlDeviceGetPerformanceState, device, v); });
  Signed(f, "virtualizationMode", [&](int* v) { return SIETCH_CALL(nvmlDeviceGetVirtualizationMode, device, v); });
  Unsigned(f, "minorNumber", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetMinorNumber, device, v); });
  Unsigned(f, "moduleId", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetModuleId, device, v); });
  Memory(f, device, true);
  Utilization(f, device);
  unsigned int period = 0;
  Unsigned(f, "utilizationEncoder", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetEncoderUtilization, device, v, &period); });
  Unsigned(f, "utilizationDecoder", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetDecoderUtilization, device, v, &period); });
  Power(f, device, true);
  Unsigned(f, "powerLimitMilliwatts", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetEnforcedPowerLimit, device, v); });
  unsigned int minLimit = 0;
  Unsigned(f, "powerMaxLimitMilliwatts", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetPowerManagementLimitConstraints, device, &minLimit, v); });
  Temperature(f, device);
  Unsigned(f, "temperatureSlowdown", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetTemperatureThreshold, device, NVML_TEMPERATURE_THRESHOLD_SLOWDOWN, v); });
  Unsigned(f, "temperatureShutdown", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetTemperatureThreshold, device, NVML_TEMPERATURE_THRESHOLD_SHUTDOWN, v); });
  Unsigned(f, "fanSpeed", [&](unsigned int* v) { return SIETCH_CALL(nvmlDeviceGetFanSpeed, device, v); });
  Clock(f, "clockGraphics", device, NVML_CLOCK_GRAPHICS, false);
  Clock(f, "clockSm", device, NVML_CLOCK_SM, false);
  Clock(f, "clockMemory", device, NVML_CLOCK_MEM, false);
  Clock(f, "clockVideo", device, NVML_CLOCK_VIDEO, false);
  Clock(f, "clockMaxGraphics", device, NVML_CLOCK_GRAPHICS, true);
  Clock(f, "clockMaxSm", device, NVML_CLOCK_SM, true);
  Clock(f, "clockMaxMemory", device, NVML_CLOCK_MEM, true);
  ClockEventReasons(f, device);
  int eccCurrent = 0;
  int eccPending = 0;
  const int eccCode = SIETCH_CALL(nvmlDeviceGetEccMode, device, &eccCurrent, &eccPending);
  Put(f, "eccModeCurrent", eccCode, eccCurrent);
  Put(f, "eccModePending", eccCode, eccPending);
  EccCounter(f, "eccCorrectedVolatile", device, NVML_MEMORY_ERROR_TYPE_CORRECTED, NVML_VOLATILE_ECC);
  EccCounter(f, "eccUncorrectedVolatile", device, NVML_MEMORY_ERROR_TYPE_UNCORRECTED, NVML_VOLATILE_ECC);
  EccCounter(f, "eccCorrectedAggregate", device, NVML_MEMORY_ERROR_TYPE_CORRECTED, NVML_AGGREGATE_ECC);
  EccCounter(f, "eccUncorrectedAggregate", device, NVML_MEMORY_ERROR_TYPE_UNCORRECTED, NVML_AGGREGATE_ECC);
  RetiredPages(f, "retiredPagesSingleBit", device, NVML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS);
  RetiredPages(f, "retiredPagesDoubleBit", device, NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR);
  Signed(f, "retiredPagesPending", [&](int* v) { return SIETCH_CALL(nvmlDeviceGetRetiredPagesPendingStatus, device, v); });
  nvmlRepairStatus_v1_t repair;
  std::memset(&repair, 0, sizeof(repair));
  repair.version = SIETCH_NVML_REPAIR_STATUS_V1_VERSION;
  const int repairCode = SIETCH_CALL(nvmlDeviceGetRepairStatus, device, &repair);
  Put(f, "channelRepairPending", repairCode, repair.bChannelRepairPending);
  Put(f, "tpcRepairPending", repairCode, repair.bTpcRepairPending);
  nvmlEccSramErrorStatus_v1_t sram;
  std::memset(&sram, 0, sizeof(sram));
  sram.version = SIETCH_NVML_SRAM_STATUS_V1_VERSION;
  // The call first, then the value: a function's arguments are evaluated in no set order.
  const int sramCode = SIETCH_CALL(nvmlDeviceGetSramEccErrorStatus, device, &sram);
  Put(f, "sramThresholdExceeded", sramCode, sram.bThresholdExceeded);
  unsigned int corrected = 0, uncorrected = 0, pending = 0, failure = 0;
  const int rowsCode = SIETCH_CALL(nvmlDeviceGetRemappedRows, device, &corrected, &uncorrected, &pending, &failure);
  Put(f, "remappedRowsCorrectable", rowsCode, corrected);
  Put(f, "remappedRowsUncorrectable", rowsCode, uncorrected);
  Put(f, "remappedRowsPending", rowsCode, pending);
  Put(f, "remappedRowsFailure", rowsCode, failure);
  unsigned int migCurrent = 0, migPending = 0;
  const int migCode = SIETCH_CALL(nvmlDeviceGetMigMode, device, &migCurrent, &migPending);
  Put(f, "migModeCurrent", migCode, migCurrent);
  Put(f, "migModePending", migCode, migPending);
  if (migCode == NVML_SUCCESS && migCurrent == 1) MigDevices(device, read.migDevices);
  read.processesCode = Processes(device, read.processes);
}

void ReadSample(nvmlDevice_t device, DeviceRead& read) {
  Record& f = read.fields;
  Text(f, "uuid", [&](char* b, unsigned int n) { return SIETCH_CALL(nvmlDeviceGetUUID, device, b, n); });
  PciBusId(f, device, false);
  Utilization(f, device);
  Power(f, device, false);
  Temperature(f, device);
  Memory(f, device, false);
  Clock(f, "clockSm", device, NVML_CLOCK_SM, false);
  Clock(f, "clockMemory", device, NVML_CLOCK_MEM, false);
  read.processesCode = NVML_SUCCESS;
}

SystemRead Read(void (*perDevice)(nvmlDevice_t, DeviceRead&), bool withSystem) {
  SystemRead out;
  if (withSystem) {
    Text(out.system, "driverVersion", [&](char* b, unsigned int n) { return SIETCH_CALL(nvmlSystemGetDriverVersion, b, n); });
    Text(out.system, "nvmlVersion", [&](char* b, unsigned int n) { return SIETCH_CALL(nvmlSystemGetNVMLVersion, b, n); });
    Signed(out.system, "cudaDriverVersion", [&](int* v) { return SIETCH_CALL(nvmlSystemGetCudaDriverVersion, v); });
  }
  unsigned int count = 0;
  out.countCode = Nvml().nvmlDeviceGetCount_v2(&count);
  if (out.countCode != NVML_SUCCESS) return out;
  out.devices.reserve(count);
  for (unsigned int i = 0; i < count; i++) {
    DeviceRead read{i, NVML_SUCCESS, Record(), {}, NVML_SUCCESS, {}};
    nvmlDevice_t device = nullptr;
    read.handleCode = Nvml().nvmlDeviceGetHandleByIndex_v2(i, &device);
    if (read.handleCode == NVML_SUCCESS) perDevice(device, read);
    out.devices.push_back(std::move(read));
  }
  return out;
}

}  // namespace

SystemRead ReadAll() { return Read(ReadDevice, true); }

SystemRead ReadSamples() { return Read(ReadSample, false); }

}  // namespace sietch
