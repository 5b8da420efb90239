// A GPU's confidential-computing evidence through NVML, in plain C++ (no N-API): it runs on a
// libuv worker thread (addon.cc), because the GPU signs the report and that takes a while.
#ifndef SIETCH_ATTESTATION_READER_H
#define SIETCH_ATTESTATION_READER_H

#include <array>
#include <string>
#include <vector>

namespace sietch {

using AttestationNonce = std::array<unsigned char, 32>;

/**
 * What the driver answered. `code` is NVML_SUCCESS with the report and the chain, or the code of
 * `call`, the call that stopped the collection (a missing function reads NVML_ERROR_FUNCTION_NOT_FOUND).
 * The system CC state is read first and kept whatever it says: it explains a refusal.
 */
struct AttestationRead {
  int code;
  std::string call;
  int uuidCode;
  std::string uuid;
  int ccStateCode;
  unsigned int ccEnvironment;
  unsigned int ccFeature;
  unsigned int ccDevToolsMode;
  // The sizes as the driver gave them; the bytes are cut to the buffer (a size beyond it is
  // reported, not trusted).
  unsigned int reportSize;
  std::vector<unsigned char> report;
  unsigned int certChainSize;
  std::string certChain;
};

/** GPU `index`'s attestation report for `nonce`, and its attestation certificate chain. */
AttestationRead ReadAttestation(unsigned int index, const AttestationNonce& nonce);

}  // namespace sietch

#endif
