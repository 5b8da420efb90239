#include "attestation-reader.h"

#include <cstring>
#include <memory>

#include "nvml-library.h"

namespace sietch {
namespace {

// A function an older driver lacks (before R535) answers like a missing call, never a crash.
#define SIETCH_CC_CALL(name, ...) (Nvml().name != nullptr ? Nvml().name(__VA_ARGS__) : NVML_ERROR_FUNCTION_NOT_FOUND)

AttestationRead Stopped(AttestationRead read, const char* call, int code) {
  read.call = call;
  read.code = code;
  return read;
}

}  // namespace

AttestationRead ReadAttestation(unsigned int index, const AttestationNonce& nonce) {
  AttestationRead read{NVML_SUCCESS, "", NVML_ERROR_NOT_SUPPORTED, "", NVML_ERROR_NOT_SUPPORTED, 0, 0, 0, 0, {}, 0, ""};

  // The system state first, like a read starts with the system queries: it says whether CC is on.
  nvmlConfComputeSystemState_t state;
  std::memset(&state, 0, sizeof(state));
  read.ccStateCode = SIETCH_CC_CALL(nvmlSystemGetConfComputeState, &state);
  read.ccEnvironment = state.environment;
  read.ccFeature = state.ccFeature;
  read.ccDevToolsMode = state.devToolsMode;

  nvmlDevice_t device = nullptr;
  const int handleCode = Nvml().nvmlDeviceGetHandleByIndex_v2(index, &device);
  if (handleCode != NVML_SUCCESS) return Stopped(read, "nvmlDeviceGetHandleByIndex_v2", handleCode);

  // Which GPU answered: the caller checks it is the one it meant (indexes change across reboots).
  char uuid[SIETCH_NVML_TEXT_BUFFER];
  std::memset(uuid, 0, sizeof(uuid));
  read.uuidCode = SIETCH_CC_CALL(nvmlDeviceGetUUID, device, uuid, static_cast<unsigned int>(sizeof(uuid)));
  uuid[sizeof(uuid) - 1] = '\0';
  if (read.uuidCode == NVML_SUCCESS) read.uuid = uuid;

  // 12 kB and 9 kB: on the heap rather than on a worker thread's stack.
  auto report = std::make_unique<nvmlConfComputeGpuAttestationReport_t>();
  std::memset(report.get(), 0, sizeof(*report));
  std::memcpy(report->nonce, nonce.data(), sizeof(report->nonce));
  const int reportCode = SIETCH_CC_CALL(nvmlDeviceGetConfComputeGpuAttestationReport, device, report.get());
  if (reportCode != NVML_SUCCESS) return Stopped(read, "nvmlDeviceGetConfComputeGpuAttestationReport", reportCode);
  read.reportSize = report->attestationReportSize;
  const size_t reportBytes = read.reportSize < sizeof(report->attestationReport) ? read.reportSize : sizeof(report->attestationReport);
  read.report.assign(report->attestationReport, report->attestationReport + reportBytes);

  auto certificate = std::make_unique<nvmlConfComputeGpuCertificate_t>();
  std::memset(certificate.get(), 0, sizeof(*certificate));
  const int certificateCode = SIETCH_CC_CALL(nvmlDeviceGetConfComputeGpuCertificate, device, certificate.get());
  if (certificateCode != NVML_SUCCESS) return Stopped(read, "nvmlDeviceGetConfComputeGpuCertificate", certificateCode);
  read.certChainSize = certificate->attestationCertChainSize;
  const size_t chainBytes = read.certChainSize < sizeof(certificate->attestationCertChain) ? read.certChainSize : sizeof(certificate->attestationCertChain);
  const char* chain = reinterpret_cast<const char*>(certificate->attestationCertChain);
  // PEM text; a size that counts a final NUL must not leave it in the string.
  read.certChain.assign(chain, strnlen(chain, chainBytes));
  return read;
}

}  // namespace sietch
