// Plain C++ reads of every device through NVML, with no N-API in sight: they run on a libuv
// worker thread (addon.cc) and are turned into JS objects back on the main thread.
#ifndef SIETCH_DEVICE_READER_H
#define SIETCH_DEVICE_READER_H

#include <string>
#include <vector>

namespace sietch {

/** One answer: a number, a text, or nothing with the NVML return code that says why. */
struct Entry {
  const char* key;
  int code;  // NVML_SUCCESS when there is a value
  bool isText;
  double number;
  std::string text;
};

using Record = std::vector<Entry>;

struct ProcessRead {
  unsigned int pid;
  double usedBytes;  // -1 when NVML does not know (NVML_VALUE_NOT_AVAILABLE)
  double gpuInstanceId;  // -1 outside MIG
  double computeInstanceId;
  bool compute;
  bool graphics;
};

struct MigRead {
  unsigned int index;  // position under the parent (nvmlDeviceGetMigDeviceHandleByIndex)
  Record fields;
};

struct DeviceRead {
  unsigned int index;
  int handleCode;
  Record fields;
  std::vector<MigRead> migDevices;
  int processesCode;
  std::vector<ProcessRead> processes;
};

struct SystemRead {
  Record system;  // driver and NVML versions
  int countCode;
  std::vector<DeviceRead> devices;
};

/** Everything the inventory needs. */
SystemRead ReadAll();

/** The per-second readings only (the node's sampler). */
SystemRead ReadSamples();

}  // namespace sietch

#endif
