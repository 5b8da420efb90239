#include "nvml-library.h"

#include <mutex>

#ifdef _WIN32
#include <windows.h>
#else
#include <dlfcn.h>
#endif

namespace sietch {
namespace {

std::mutex open_mutex;
NvmlFunctions functions;
void* handle = nullptr;
std::string opened_path;   // what `handle` (or last_failure) is about
bool initialized = false;
OpenOutcome last_failure;  // set when dlopen or dlsym failed: those are not retried for the same path

#ifdef _WIN32
const char* kDefaultLibrary = "nvml.dll";
void* OpenLibrary(const std::string& path, std::string& error) {
  HMODULE module = LoadLibraryA(path.c_str());
  if (module == nullptr) error = "LoadLibrary failed with error " + std::to_string(GetLastError());
  return reinterpret_cast<void*>(module);
}
void* Symbol(void* library, const char* name) { return reinterpret_cast<void*>(GetProcAddress(reinterpret_cast<HMODULE>(library), name)); }
void CloseLibrary(void* library) { FreeLibrary(reinterpret_cast<HMODULE>(library)); }
#else
const char* kDefaultLibrary = "libnvidia-ml.so.1";
void* OpenLibrary(const std::string& path, std::string& error) {
  // RTLD_LOCAL: NVML's symbols must not satisfy anyone else's lookups (nor ours theirs).
  void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* why = dlerror();
    error = why != nullptr ? why : "dlopen failed";
  }
  return library;
}
void* Symbol(void* library, const char* name) { return dlsym(library, name); }
void CloseLibrary(void* library) { dlclose(library); }
#endif

/** Back to nothing opened. Only when no read is in flight (the JS side serializes reads). */
void Forget() {
  if (initialized && functions.nvmlShutdown != nullptr) functions.nvmlShutdown();
  initialized = false;
  if (handle != nullptr) CloseLibrary(handle);
  handle = nullptr;
  functions = NvmlFunctions{};
  last_failure = OpenOutcome{};
  opened_path.clear();
}

}  // namespace

OpenOutcome OpenNvml(const std::string& requested) {
  std::lock_guard<std::mutex> lock(open_mutex);
  const std::string path = requested.empty() ? kDefaultLibrary : requested;
  // One library per process; asking for another one (tests, a changed override) closes the first.
  if (!opened_path.empty() && opened_path != path) Forget();
  opened_path = path;
  if (!last_failure.stage.empty()) return last_failure;
  if (handle == nullptr) {
    std::string error;
    handle = OpenLibrary(path, error);
    if (handle == nullptr) {
      last_failure = OpenOutcome{"library-missing", NVML_ERROR_LIBRARY_NOT_FOUND, "cannot open " + path + ": " + error, path};
      return last_failure;
    }
    std::string missing;
#define SIETCH_RESOLVE_REQUIRED(name, ret, params)                                     \
  functions.name = reinterpret_cast<ret(*) params>(Symbol(handle, #name));             \
  if (functions.name == nullptr) missing += (missing.empty() ? "" : ", ") + std::string(#name);
    SIETCH_NVML_REQUIRED_FUNCTIONS(SIETCH_RESOLVE_REQUIRED)
#undef SIETCH_RESOLVE_REQUIRED
    // Optional ones may be absent on older drivers: each read treats a null pointer as NOT_SUPPORTED.
#define SIETCH_RESOLVE_OPTIONAL(name, ret, params) functions.name = reinterpret_cast<ret(*) params>(Symbol(handle, #name));
    SIETCH_NVML_OPTIONAL_FUNCTIONS(SIETCH_RESOLVE_OPTIONAL)
#undef SIETCH_RESOLVE_OPTIONAL
    if (!missing.empty()) {
      OpenOutcome failure{"symbols-missing", NVML_ERROR_FUNCTION_NOT_FOUND, path + " lacks " + missing + " (not an NVML library, or one older than R418)", path};
      Forget();
      opened_path = path;
      last_failure = failure;
      return last_failure;
    }
  }
  if (!initialized) {
    const nvmlReturn_t code = functions.nvmlInit_v2();
    if (code != NVML_SUCCESS) {
      const char* text = functions.nvmlErrorString != nullptr ? functions.nvmlErrorString(code) : nullptr;
      return OpenOutcome{"init-failed", code, std::string("nvmlInit failed: ") + (text != nullptr ? text : "error " + std::to_string(code)), path};
    }
    initialized = true;
  }
  return OpenOutcome{"ok", NVML_SUCCESS, "", path};
}

const NvmlFunctions& Nvml() { return functions; }

void CloseNvml() {
  std::lock_guard<std::mutex> lock(open_mutex);
  if (initialized && functions.nvmlShutdown != nullptr) functions.nvmlShutdown();
  initialized = false;
}

}  // namespace sietch
