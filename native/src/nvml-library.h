// libnvidia-ml opened at run time (dlopen / LoadLibrary), its functions looked up by name.
#ifndef SIETCH_NVML_LIBRARY_H
#define SIETCH_NVML_LIBRARY_H

#include <string>

#include "nvml-api.h"

namespace sietch {

struct NvmlFunctions {
#define SIETCH_DECLARE_POINTER(name, ret, params) ret(*name) params = nullptr;
  SIETCH_NVML_REQUIRED_FUNCTIONS(SIETCH_DECLARE_POINTER)
  SIETCH_NVML_OPTIONAL_FUNCTIONS(SIETCH_DECLARE_POINTER)
#undef SIETCH_DECLARE_POINTER
};

/** How opening the library went; `stage` says where it stopped. */
struct OpenOutcome {
  // "ok", "library-missing" (dlopen failed), "symbols-missing", "init-failed".
  std::string stage;
  int code = NVML_SUCCESS;  // nvmlInit_v2's return when stage is init-failed
  std::string message;
  std::string library;  // the path or soname that was opened
};

/**
 * Opens the library once per process and initializes NVML. Further calls return the first
 * outcome, except after an init failure, which is retried (the driver may load after us).
 * Thread-safe.
 */
OpenOutcome OpenNvml(const std::string& path);

/** The resolved functions; valid only after OpenNvml returned stage "ok". */
const NvmlFunctions& Nvml();

/** nvmlShutdown and forget the init (the library stays mapped: handles may be in use elsewhere). */
void CloseNvml();

}  // namespace sietch

#endif
